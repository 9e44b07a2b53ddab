package io.jobfleet.ai;

import static io.jobfleet.ai.AiTesting.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.jobfleet.ai.config.AiSettings;
import io.jobfleet.db.JobRow;
import io.jobfleet.llm.sim.LlmSimulator;
import io.jobfleet.llm.sim.testing.SimulatedLlm;
import io.jobfleet.testing.FamilyWorkers;
import io.jobfleet.testing.TestDatabase;
import java.util.Map;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** ai.generate end to end on the simulator: text, conversations, structured answers, the ledger row. */
class GenerateTest {
    @RegisterExtension
    @Order(1)
    static final TestDatabase DB = new TestDatabase();
    @RegisterExtension
    @Order(2)
    static final SimulatedLlm LLM = new SimulatedLlm();
    @RegisterExtension
    @Order(3)
    static final FamilyWorkers WORKERS = new FamilyWorkers(DB, () -> new AiFamily(AiSettings.defaults()), LLM::client);

    @Test
    void aPromptIsAnsweredAndItsUsageRecordedOnce() {
        long id = WORKERS.enqueue("ai.generate", """
                {"user_id": "u1", "system": "Answer briefly.", "prompt": "What is a job queue? Explain it."}""");
        JobRow row = WORKERS.awaitFinished(id);

        assertThat(row.status()).isEqualTo("completed");
        assertThat(row.attempts()).isEqualTo(1);
        JsonNode result = json(row.result());
        assertThat(result.get("answer").asText()).startsWith("Simulated answer: What is a job queue?");
        assertThat(result.get("model").asText()).isEqualTo(LlmSimulator.MODEL);
        assertThat(result.get("finish_reason").asText()).isEqualTo("stop");
        JsonNode usage = result.get("usage");
        assertThat(usage.get("prompt_tokens").asInt()).isPositive();
        assertThat(usage.get("completion_tokens").asInt()).isPositive();
        assertThat(usage.get("total_tokens").asInt())
                .isEqualTo(usage.get("prompt_tokens").asInt() + usage.get("completion_tokens").asInt());

        Map<String, Object> ledger = DB.db().jdbi().withHandle(h -> h.createQuery(
                "SELECT user_id, model, prompt_tokens, completion_tokens, total_tokens FROM "
                        + AiTesting.ledger(DB) + " WHERE job_id = :id").bind("id", id).mapToMap().one());
        assertThat(ledger).containsEntry("user_id", "u1").containsEntry("model", LlmSimulator.MODEL)
                .containsEntry("prompt_tokens", usage.get("prompt_tokens").asInt())
                .containsEntry("completion_tokens", usage.get("completion_tokens").asInt())
                .containsEntry("total_tokens", usage.get("total_tokens").asInt());
    }

    @Test
    void aConversationIsAnsweredFromItsLastUserMessage() {
        long id = WORKERS.enqueue("ai.generate", """
                {"user_id": "u2", "model": "gpt-4o-mini", "temperature": 0.7, "messages": [
                  {"role": "system", "content": "You are terse."},
                  {"role": "user", "content": "Hello there."},
                  {"role": "assistant", "content": "Hi."},
                  {"role": "user", "content": "Name three queue systems."}]}""");
        JobRow row = WORKERS.awaitFinished(id);

        assertThat(row.status()).isEqualTo("completed");
        assertThat(json(row.result()).get("answer").asText()).startsWith("Simulated answer: Name three queue systems.");
        assertThat(AiTesting.ledgerRows(DB, id)).isOne();
    }

    @Test
    void aResponseSchemaGivesParsedJson() {
        long id = WORKERS.enqueue("ai.generate", """
                {"user_id": "u3", "prompt": "Summarize: queues decouple producers from consumers.",
                 "response_schema_name": "summary",
                 "response_schema": {"type": "object", "additionalProperties": false,
                   "required": ["title", "tags", "score"],
                   "properties": {"title": {"type": "string"},
                                  "tags": {"type": "array", "items": {"type": "string"}},
                                  "score": {"type": "integer", "minimum": 1, "maximum": 5}}}}""");
        JobRow row = WORKERS.awaitFinished(id);

        assertThat(row.status()).as(row.lastError()).isEqualTo("completed");
        JsonNode answer = json(row.result()).get("answer");
        assertThat(answer.isObject()).as("the answer is JSON, not a string: %s", answer).isTrue();
        assertThat(answer.get("title").isTextual()).isTrue();
        assertThat(answer.get("tags").isArray()).isTrue();
        assertThat(answer.get("score").asInt()).isBetween(1, 5);
        assertThat(AiTesting.ledgerRows(DB, id)).isOne();
    }

    @Test
    void maxTokensCutsTheAnswerAndSaysSo() {
        long id = WORKERS.enqueue("ai.generate", """
                {"user_id": "u4", "max_tokens": 3,
                 "prompt": "Describe in detail how a background job system retries failed work with backoff."}""");
        JobRow row = WORKERS.awaitFinished(id);

        assertThat(row.status()).isEqualTo("completed");
        JsonNode result = json(row.result());
        assertThat(result.get("finish_reason").asText()).isEqualTo("length");
        assertThat(result.get("usage").get("completion_tokens").asInt()).isLessThanOrEqualTo(3);
    }
}
