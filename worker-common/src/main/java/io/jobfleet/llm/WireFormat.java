package io.jobfleet.llm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jobfleet.engine.Payloads;

/** The OpenAI chat-completions JSON: request bodies out, answers in. */
final class WireFormat {
    private WireFormat() {
    }

    /** The request body; {@code schema} null for a text answer. */
    static String requestBody(ChatRequest request, String model, Double temperature, ResponseSchema schema) {
        ObjectNode body = Payloads.mapper().createObjectNode();
        body.put("model", model);
        ArrayNode messages = body.putArray("messages");
        for (ChatMessage m : request.messages()) {
            messages.addObject().put("role", m.role()).put("content", m.content());
        }
        if (temperature != null) {
            body.put("temperature", temperature);
        }
        if (request.maxTokens() != null) {
            body.put("max_tokens", request.maxTokens());
        }
        if (schema != null) {
            ObjectNode format = body.putObject("response_format");
            format.put("type", "json_schema");
            ObjectNode jsonSchema = format.putObject("json_schema");
            jsonSchema.put("name", schema.name());
            jsonSchema.put("strict", true);
            jsonSchema.set("schema", schema.schema());
        }
        return Payloads.write(body);
    }

    /**
     * The first choice of a successful answer. A refusal or a {@code content_filter} stop is
     * CONTENT_FILTERED; an answer without readable content is MALFORMED_OUTPUT.
     */
    static ChatResponse parseResponse(String body) throws LlmException {
        JsonNode root = Payloads.tree(body);
        JsonNode choice = root.path("choices").path(0);
        if (!choice.isObject()) {
            throw new LlmException(LlmErrorType.MALFORMED_OUTPUT, 200, null, "the answer had no choices", null);
        }
        String finish = text(choice.get("finish_reason"));
        JsonNode message = choice.path("message");
        if ("content_filter".equals(finish) || !text(message.get("refusal")).isEmpty()) {
            throw new LlmException(LlmErrorType.CONTENT_FILTERED, 200, null, null, null);
        }
        JsonNode content = message.get("content");
        if (content == null || !content.isTextual()) {
            throw new LlmException(LlmErrorType.MALFORMED_OUTPUT, 200, null, "the answer had no text", null);
        }
        return new ChatResponse(content.asText(), text(root.get("model")), finish, usage(root.path("usage")));
    }

    private static Usage usage(JsonNode u) {
        if (!u.isObject()) {
            return Usage.NONE;
        }
        int prompt = u.path("prompt_tokens").asInt(0);
        int completion = u.path("completion_tokens").asInt(0);
        return new Usage(prompt, completion, u.path("total_tokens").asInt(prompt + completion));
    }

    private static String text(JsonNode n) {
        return n == null || n.isNull() ? "" : n.asText();
    }
}
