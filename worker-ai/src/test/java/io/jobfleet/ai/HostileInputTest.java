package io.jobfleet.ai;

import static io.jobfleet.ai.AiTesting.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.jobfleet.ai.config.AiSettings;
import io.jobfleet.db.JobRow;
import io.jobfleet.config.Secret;
import io.jobfleet.llm.LlmClient;
import io.jobfleet.llm.LlmConfig;
import io.jobfleet.testing.FamilyWorkers;
import io.jobfleet.testing.JobsTable;
import io.jobfleet.testing.TestDatabase;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okio.Buffer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The attacks themselves, against an LLM played by MockWebServer: schemas that would hang or
 * blow up a validator, payloads past the worker's limits, a provider that redirects the prompt
 * elsewhere or answers with a body too large to hold. Each fails only its own job, with a
 * readable {@code last_error}; a good job beside them completes.
 */
class HostileInputTest {
    @RegisterExtension
    static final TestDatabase DB = new TestDatabase();
    private static final JobsTable JOBS = new JobsTable(DB);
    private static final String GOOD_ANSWER = "{\"model\":\"served-model\",\"choices\":[{\"index\":0,"
            + "\"finish_reason\":\"stop\",\"message\":{\"role\":\"assistant\",\"content\":\"Fine.\"}}],"
            + "\"usage\":{\"prompt_tokens\":5,\"completion_tokens\":1,\"total_tokens\":6}}";
    private static final AtomicInteger LLM_REQUESTS = new AtomicInteger();
    private static MockWebServer llmServer;
    private static MockWebServer elsewhere;
    private static LlmClient llm;
    private static FamilyWorkers workers;

    @BeforeAll
    static void start() throws IOException {
        elsewhere = new MockWebServer();
        elsewhere.start();
        llmServer = new MockWebServer();
        llmServer.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                LLM_REQUESTS.incrementAndGet();
                String body = request.getBody() == null ? "" : request.getBody().utf8();
                if (body.contains("redirect me")) {
                    return new MockResponse.Builder().code(307)
                            .addHeader("Location", elsewhere.url("/v1/chat/completions").toString()).build();
                }
                if (body.contains("flood me")) {
                    return new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json")
                            .body(new Buffer().write(new byte[9 * 1024 * 1024])).build();
                }
                return new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json")
                        .body(GOOD_ANSWER).build();
            }
        });
        llmServer.start();
        llm = LlmClient.create(LlmConfig.defaults(llmServer.url("/v1").toString(), Secret.empty())
                .withRetries(0, Duration.ZERO), new SimpleMeterRegistry());
        AiSettings settings = AiSettings.defaults().withTokenLimits(2000, 500).withMaxPromptChars(5000)
                .withModels(List.of("gpt-4o-mini", "small-model"));
        workers = new FamilyWorkers(DB, () -> new AiFamily(settings), () -> llm).start();
    }

    @AfterAll
    static void stop() throws IOException {
        workers.close();
        llm.close();
        llmServer.close();
        elsewhere.close();
    }

    private static JobRow run(String payload) {
        return workers.awaitFinished(JOBS.enqueue("ai", "ai.generate", payload));
    }

    private static void assertFailedAtOnce(JobRow row, String errorClass, String lastError) {
        assertThat(row.status()).isEqualTo("failed");
        assertThat(row.attempts()).isEqualTo(1);
        assertThat(json(row.errors()).get(0).get("class").asText()).isEqualTo(errorClass);
        assertThat(row.lastError()).isEqualTo(lastError);
    }

    @Test
    void schemasThatWouldHangOrBlowUpAreRefusedBeforeAnyCall() {
        int before = LLM_REQUESTS.get();
        JobRow cycle = run("""
                {"user_id": "u1", "prompt": "Hi", "response_schema": {"type": "object",
                 "properties": {"node": {"$ref": "#/$defs/a"}},
                 "$defs": {"a": {"type": "object", "properties": {"next": {"$ref": "#/$defs/b"}}},
                           "b": {"anyOf": [{"$ref": "#/$defs/a"}, {"type": "null"}]}}}}""");
        StringBuilder defs = new StringBuilder();
        for (int i = 0; i < 20; i++) { // 2^20 paths in ~1 KB
            String next = i < 19 ? "{\"$ref\": \"#/$defs/a" + (i + 1) + "\"}" : "{\"type\": \"string\"}";
            defs.append(i == 0 ? "" : ", ").append("\"a").append(i).append("\": {\"anyOf\": [")
                    .append(next).append(", ").append(next).append("]}");
        }
        JobRow blowup = run("{\"user_id\": \"u1\", \"prompt\": \"Hi\", \"response_schema\": {\"type\": \"object\", "
                + "\"properties\": {\"x\": {\"$ref\": \"#/$defs/a0\"}}, \"$defs\": {" + defs + "}}}");
        JobRow remote = run("""
                {"user_id": "u1", "prompt": "Hi", "response_schema": {"type": "object",
                 "properties": {"x": {"$ref": "%s"}}}}""".formatted(elsewhere.url("/schema.json")));
        JobRow good = run("{\"user_id\": \"u1\", \"prompt\": \"Hi\"}");

        assertFailedAtOnce(cycle, "bad_payload", "payload field 'response_schema' has a $ref cycle "
                + "(#/$defs/b -> #/$defs/a -> #/$defs/b)"); // jsonb puts the shorter key $defs first
        assertFailedAtOnce(blowup, "bad_payload", "payload field 'response_schema' expands to more than 10000 "
                + "subschemas when its $refs are followed (nested anyOf/oneOf alternatives multiply)");
        assertFailedAtOnce(remote, "bad_payload", "payload field 'response_schema' has a $ref outside the schema ("
                + elsewhere.url("/schema.json") + "); only local references such as #/$defs/item are allowed");
        assertThat(good.status()).isEqualTo("completed");
        assertThat(LLM_REQUESTS.get()).as("only the good job called the LLM").isEqualTo(before + 1);
        assertThat(elsewhere.getRequestCount()).isZero();
    }

    @Test
    void payloadsPastTheWorkersLimitsAreRefusedBeforeAnyCall() {
        int before = LLM_REQUESTS.get();
        JobRow model = run("{\"user_id\": \"u2\", \"prompt\": \"Hi\", \"model\": \"gpt-4-32k\"}");
        JobRow maxTokens = run("{\"user_id\": \"u2\", \"prompt\": \"Hi\", \"max_tokens\": 2001}");
        JobRow prompt = run("{\"user_id\": \"u2\", \"prompt\": \"" + "x".repeat(5001) + "\"}");
        JobRow good = run("{\"user_id\": \"u2\", \"prompt\": \"Hi\", \"model\": \"small-model\", \"max_tokens\": 2000}");

        assertFailedAtOnce(model, "bad_payload", "payload field 'model' must be one of the models this worker "
                + "allows (gpt-4o-mini, small-model; --ai-models), got 'gpt-4-32k'");
        assertFailedAtOnce(maxTokens, "bad_payload",
                "payload field 'max_tokens' must be at most 2000 (--ai-max-tokens), got 2001");
        assertFailedAtOnce(prompt, "bad_payload", "payload prompt is too long: 5001 characters of messages and "
                + "response_schema, at most 5000 (--ai-max-prompt-chars)");
        assertThat(good.status()).isEqualTo("completed");
        assertThat(LLM_REQUESTS.get()).isEqualTo(before + 1);
    }

    @Test
    void aRedirectIsNotFollowedAndAHugeAnswerIsNotRead() {
        long redirected = JOBS.enqueue("ai", "ai.generate", "{\"user_id\": \"u3\", \"prompt\": \"redirect me\"}");
        long flooded = JOBS.enqueue("ai", "ai.generate", "{\"user_id\": \"u3\", \"prompt\": \"flood me\"}");
        long good = JOBS.enqueue("ai", "ai.generate", "{\"user_id\": \"u3\", \"prompt\": \"Hi\"}");

        assertFailedAtOnce(workers.awaitFinished(redirected), "invalid_request", "The AI service rejected the request "
                + "(HTTP 307): the endpoint redirects elsewhere and redirects are not followed; set --llm-base-url "
                + "to the final address");
        JobRow floodedRow = workers.awaitFinished(flooded);
        assertThat(floodedRow.lastError()).startsWith("The AI answer was not in the expected format (the answer "
                + "is larger than 8 MiB, the limit of --llm-max-response-bytes).");
        assertThat(json(floodedRow.errors()).get(0).get("class").asText()).isEqualTo("malformed_output");
        assertThat(workers.awaitFinished(good).status()).isEqualTo("completed");
        assertThat(elsewhere.getRequestCount()).as("nothing reached the redirect's target").isZero();
        assertThat(AiTesting.chargedTokens(DB, redirected)).as("a refused request costs nothing").isZero();
        assertThat(AiTesting.chargedTokens(DB, flooded)).as("an unread answer stays charged at its reservation")
                .isEqualTo((long) floodedRow.attempts() * ((8 + 2) / 3 + 8 + 500)); // --ai-default-max-tokens 500
    }
}
