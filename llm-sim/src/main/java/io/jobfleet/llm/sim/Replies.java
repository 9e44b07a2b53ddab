package io.jobfleet.llm.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import io.jobfleet.engine.Payloads;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** Writes the simulator's OpenAI-format answers; every answer is labelled as coming from the simulator. */
final class Replies {
    static final String MODEL = "jobfleet-simulator";

    private Replies() {
    }

    /** Tokens as the simulator estimates them: a quarter of the characters, rounded up. */
    static int tokens(int chars) {
        return (chars + 3) / 4;
    }

    static ObjectNode completion(Conversation c, String content, String finishReason) {
        ObjectNode root = Payloads.mapper().createObjectNode();
        root.put("id", "chatcmpl-sim-" + Hashes.sha256Hex(String.join("\n", c.contents())).substring(0, 16));
        root.put("object", "chat.completion");
        root.put("created", System.currentTimeMillis() / 1000);
        root.put("model", MODEL);
        root.put("system_fingerprint", MODEL);
        ObjectNode choice = root.putArray("choices").addObject();
        choice.put("index", 0);
        choice.putObject("message").put("role", "assistant").put("content", content).putNull("refusal");
        choice.put("finish_reason", finishReason);
        int prompt = tokens(c.promptChars());
        int completion = tokens(content.length());
        root.putObject("usage").put("prompt_tokens", prompt).put("completion_tokens", completion)
                .put("total_tokens", prompt + completion);
        return root;
    }

    static ObjectNode models() {
        ObjectNode root = Payloads.mapper().createObjectNode();
        root.put("object", "list");
        root.putArray("data").addObject().put("id", MODEL).put("object", "model").put("created", 0)
                .put("owned_by", "jobfleet (simulator, not a real model)");
        return root;
    }

    static void error(HttpExchange exchange, SimError error) throws IOException {
        if (error.retryAfterSeconds() != null) {
            exchange.getResponseHeaders().set("Retry-After", Integer.toString(error.retryAfterSeconds()));
        }
        json(exchange, error.status(), error.body());
    }

    static void json(HttpExchange exchange, int status, JsonNode body) throws IOException {
        byte[] bytes = Payloads.write(body).getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.getResponseHeaders().set("X-Jobfleet-Simulator", "true");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
