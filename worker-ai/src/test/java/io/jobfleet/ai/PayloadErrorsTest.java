package io.jobfleet.ai;

import static io.jobfleet.ai.AiTesting.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.jobfleet.ai.config.AiSettings;
import io.jobfleet.db.JobRow;
import io.jobfleet.llm.sim.testing.SimulatedLlm;
import io.jobfleet.testing.FamilyWorkers;
import io.jobfleet.testing.TestDatabase;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Bad ai.generate payloads fail on their first attempt with a message naming the field; the worker goes on. */
class PayloadErrorsTest {
    @RegisterExtension
    @Order(1)
    static final TestDatabase DB = new TestDatabase();
    @RegisterExtension
    @Order(2)
    static final SimulatedLlm LLM = new SimulatedLlm();
    @RegisterExtension
    @Order(3)
    static final FamilyWorkers WORKERS = new FamilyWorkers(DB, () -> new AiFamily(AiSettings.defaults()), LLM::client);
    private static final String MSG = "\"messages\": [{\"role\": \"user\", \"content\": \"Hi\"}]";


    @Test
    void badPayloadsFailAtOnceWithAReadableMessageAndTheWorkerGoesOn() {
        Map<String, String> cases = new LinkedHashMap<>();
        cases.put("{\"prompt\": \"Hi\"}", "payload is missing required field 'user_id' (or 'userId')");
        cases.put("{\"user_id\": \"  \", \"prompt\": \"Hi\"}", "payload field 'user_id' must be a non-blank string");
        cases.put("{\"user_id\": 42, \"prompt\": \"Hi\"}", "payload field 'user_id' must be a string (got 42)");
        cases.put("{\"user_id\": \"u\"}", "payload field 'prompt' (or 'messages') is required");
        cases.put("{\"user_id\": \"u\", \"prompt\": \"Hi\", " + MSG + "}",
                "payload field 'messages' must not be given together with 'prompt': send either a prompt or a "
                        + "conversation");
        cases.put("{\"user_id\": \"u\", \"prompt\": [\"Hi\"]}", "payload field 'prompt' must be a string");
        cases.put("{\"user_id\": \"u\", \"prompt\": \"\"}", "payload field 'prompt' must be a non-blank string");
        cases.put("{\"user_id\": \"u\", \"messages\": \"Hi\"}", "payload field 'messages' must be an array");
        cases.put("{\"user_id\": \"u\", \"messages\": []}", "payload field 'messages' must hold at least one message");
        cases.put("{\"user_id\": \"u\", \"messages\": [{\"role\": \"user\", \"content\": \"Hi\"}, "
                        + "{\"role\": \"robot\", \"content\": \"beep\"}]}",
                "payload field 'messages[1].role' must be one of system, user, assistant (got 'robot')");
        cases.put("{\"user_id\": \"u\", \"messages\": [{\"content\": \"Hi\"}]}",
                "payload field 'messages[0].role' must be one of system, user, assistant (it is missing)");
        cases.put("{\"user_id\": \"u\", \"messages\": [{\"role\": \"user\", \"content\": 7}]}",
                "payload field 'messages[0].content' must be a string (got 7)");
        cases.put("{\"user_id\": \"u\", \"system\": \"Be brief\", " + MSG + "}",
                "payload field 'system' goes with 'prompt' only; with 'messages', send a message with role "
                        + "'system' instead");
        cases.put("{\"user_id\": \"u\", \"prompt\": \"Hi\", \"max_tokens\": -5}",
                "payload field 'max_tokens' must be between 1 and 32768 (got -5)");
        cases.put("{\"user_id\": \"u\", \"prompt\": \"Hi\", \"max_tokens\": 100000}",
                "payload field 'max_tokens' must be between 1 and 32768 (got 100000)");
        cases.put("{\"user_id\": \"u\", \"prompt\": \"Hi\", \"max_tokens\": \"100\"}",
                "payload field 'max_tokens' must be an integer");
        cases.put("{\"user_id\": \"u\", \"prompt\": \"Hi\", \"max_tokens\": 12.5}",
                "payload field 'max_tokens' must be an integer (got 12.5)");
        cases.put("{\"user_id\": \"u\", \"prompt\": \"Hi\", \"temperature\": \"hot\"}",
                "payload field 'temperature' must be a number");
        cases.put("{\"user_id\": \"u\", \"prompt\": \"Hi\", \"temperature\": 2.5}",
                "payload field 'temperature' must be between 0 and 2 (got 2.5)");
        cases.put("{\"user_id\": \"u\", \"prompt\": \"Hi\", \"response_schema\": \"object\"}",
                "payload field 'response_schema' must be a JSON Schema object");
        cases.put("{\"user_id\": \"u\", \"prompt\": \"Hi\", \"response_schema_name\": \"x\"}",
                "payload field 'response_schema_name' needs a 'response_schema'");
        cases.put("{\"user_id\": \"u\", \"prompt\": \"Hi\", \"response_schema\": {\"type\": \"object\"}, "
                        + "\"response_schema_name\": \"no spaces allowed\"}",
                "payload field 'response_schema_name' must be 1-64 letters, digits, '_' or '-' "
                        + "(got 'no spaces allowed')");
        // an app writing camelCase reads its own field names back
        cases.put("{\"userId\": \"u\", \"prompt\": \"Hi\", \"maxTokens\": -5}",
                "payload field 'maxTokens' must be between 1 and 32768 (got -5)");
        cases.put("{\"userId\": \"u\", \"prompt\": \"Hi\", \"maxTokens\": \"100\"}",
                "payload field 'maxTokens' must be an integer");
        cases.put("{\"userId\": \"u\", \"prompt\": \"Hi\", \"responseSchemaName\": \"x\"}",
                "payload field 'responseSchemaName' needs a 'response_schema'");
        cases.put("[\"Hi\"]", "payload must be a JSON object, got an array");

        Map<Long, String> expected = new LinkedHashMap<>();
        cases.forEach((payload, message) -> expected.put(WORKERS.enqueue("ai.generate", payload), message));
        long good = WORKERS.enqueue("ai.generate", "{\"user_id\": \"u\", \"prompt\": \"Still working?\"}");

        expected.forEach((id, message) -> {
            JobRow row = WORKERS.awaitFinished(id);
            assertThat(row.status()).as(row.payload()).isEqualTo("failed");
            assertThat(row.attempts()).as(row.payload()).isEqualTo(1);
            assertThat(row.lastError()).as(row.payload()).isEqualTo(message);
            assertThat(json(row.errors()).get(0).get("class").asText()).isEqualTo("bad_payload");
        });
        JobRow ok = WORKERS.awaitFinished(good);
        assertThat(ok.status()).isEqualTo("completed");
        assertThat(LLM.requests()).as("no bad payload reached the LLM").isOne();
        assertThat(AiTesting.ledgerRows(DB)).isOne();
    }
}
