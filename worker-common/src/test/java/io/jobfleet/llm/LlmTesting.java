package io.jobfleet.llm;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jobfleet.config.Secret;
import io.jobfleet.engine.Payloads;
import java.time.Duration;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;

/** Configurations and canned answers for client tests against a local HTTP server. */
final class LlmTesting {
    static final LlmConfig.Breaker WIDE_BREAKER = new LlmConfig.Breaker(50, 100, 100, Duration.ofSeconds(30), 3);

    private LlmTesting() {
    }

    /** Short timeouts, no in-call retries, a breaker that does not trip during a test. */
    static LlmConfig config(String baseUrl) {
        return LlmConfig.defaults(baseUrl, Secret.empty())
                .withModel("test-model")
                .withTimeouts(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(5))
                .withRetries(0, Duration.ofMillis(10))
                .withBreaker(WIDE_BREAKER);
    }

    static String baseUrl(MockWebServer server) {
        return server.url("/v1").toString();
    }

    static String completionJson(String content, String finishReason) {
        ObjectNode root = Payloads.mapper().createObjectNode();
        root.put("id", "chatcmpl-1").put("object", "chat.completion").put("model", "served-model");
        ObjectNode choice = root.putArray("choices").addObject();
        choice.put("index", 0).put("finish_reason", finishReason);
        choice.putObject("message").put("role", "assistant").put("content", content);
        root.putObject("usage").put("prompt_tokens", 11).put("completion_tokens", 7).put("total_tokens", 18);
        return Payloads.write(root);
    }

    static MockResponse ok(String content) {
        return json(200, completionJson(content, "stop"));
    }

    static MockResponse json(int status, String body) {
        return new MockResponse.Builder().code(status).addHeader("Content-Type", "application/json")
                .body(body).build();
    }

    static MockResponse error(int status, String type, String code, String message) {
        ObjectNode root = Payloads.mapper().createObjectNode();
        ObjectNode error = root.putObject("error");
        error.put("message", message).put("type", type).put("code", code);
        return json(status, Payloads.write(root));
    }
}
