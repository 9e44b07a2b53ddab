package io.jobfleet.ai.generate;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import io.jobfleet.ai.config.AiSettings;
import io.jobfleet.llm.ResponseSchema;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The payload of an {@code ai.generate} job: whose tokens it spends ({@code user_id}), what to ask
 * ({@code prompt} with an optional {@code system}, or a {@code messages} conversation, exactly one of
 * the two) and optional call settings. An answer constrained by {@code response_schema} (a JSON
 * Schema object within {@code SchemaBounds}: no {@code $ref} cycles or remote references, bounded
 * size and alternatives) is returned as parsed JSON. Every mistake names its field. The worker's
 * configured limits (models, {@code max_tokens}, prompt size) are checked by {@link CallPlan}.
 */
public record GeneratePayload(
        @JsonProperty(value = "user_id", required = true)
        String userId,
        @JsonProperty("prompt")
        String prompt,
        @JsonProperty("system")
        String system,
        @JsonProperty("messages") List<PayloadMessage> messages,
        @JsonProperty("model")
        String model,
        @JsonProperty("max_tokens")
        Integer maxTokens,
        @JsonProperty("temperature") Double temperature,
        @JsonProperty("response_schema") JsonNode responseSchema,
        @JsonProperty("response_schema_name")
        String responseSchemaName) {

    public static final int MAX_TOKENS_LIMIT = AiSettings.MAX_TOKENS_CEILING;
    public static final String SCHEMA_NAME_DEFAULT = "response";
    static final Set<String> ROLES = Set.of("system", "user", "assistant");
    private static final int USER_ID_MAX = 256;
    private static final int MODEL_MAX = 200;
    private static final Pattern SCHEMA_NAME = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    public GeneratePayload {
        if (userId == null || userId.isBlank()) {
            throw new IllegalArgumentException("field 'user_id' must be a non-blank string");
        }
        if (userId.length() > USER_ID_MAX) {
            throw new IllegalArgumentException("field 'user_id' must be at most " + USER_ID_MAX + " characters");
        }
        checkInput(prompt, system, messages);
        messages = messages == null ? null : List.copyOf(messages);
        if (model != null && (model.isBlank() || model.length() > MODEL_MAX)) {
            throw new IllegalArgumentException("field 'model' must be a model name of 1-" + MODEL_MAX + " characters");
        }
        if (maxTokens != null && (maxTokens < 1 || maxTokens > MAX_TOKENS_LIMIT)) {
            throw new IllegalArgumentException("field 'max_tokens' must be between 1 and " + MAX_TOKENS_LIMIT
                    + " (got " + maxTokens + ")");
        }
        if (temperature != null && !(temperature >= 0 && temperature <= 2)) {
            throw new IllegalArgumentException("field 'temperature' must be between 0 and 2 (got " + temperature + ")");
        }
        checkSchema(responseSchema, responseSchemaName);
    }

    private static void checkInput(String prompt, String system, List<PayloadMessage> messages) {
        if (prompt != null && messages != null) {
            throw new IllegalArgumentException("field 'messages' must not be given together with 'prompt': "
                    + "send either a prompt or a conversation");
        }
        if (prompt == null && messages == null) {
            throw new IllegalArgumentException("field 'prompt' (or 'messages') is required");
        }
        if (prompt != null && prompt.isBlank()) {
            throw new IllegalArgumentException("field 'prompt' must be a non-blank string");
        }
        if (system != null && prompt == null) {
            throw new IllegalArgumentException("field 'system' goes with 'prompt' only; with 'messages', "
                    + "send a message with role 'system' instead");
        }
        if (messages != null) {
            checkMessages(messages);
        }
    }

    private static void checkMessages(List<PayloadMessage> messages) {
        if (messages.isEmpty()) {
            throw new IllegalArgumentException("field 'messages' must hold at least one message");
        }
        for (int i = 0; i < messages.size(); i++) {
            PayloadMessage m = messages.get(i);
            String at = "messages[" + i + "]";
            if (m == null) {
                throw new IllegalArgumentException("field '" + at + "' must be an object with 'role' and 'content'");
            }
            if (m.role() == null || !ROLES.contains(m.role())) {
                throw new IllegalArgumentException("field '" + at + ".role' must be one of system, user, assistant"
                        + (m.role() == null ? " (it is missing)" : " (got '" + m.role() + "')"));
            }
            if (m.content() == null) {
                throw new IllegalArgumentException("field '" + at + ".content' must be a string");
            }
        }
    }

    private static void checkSchema(JsonNode schema, String name) {
        if (schema != null && !schema.isNull() && !schema.isObject()) {
            throw new IllegalArgumentException("field 'response_schema' must be a JSON Schema object");
        }
        if (name != null && (schema == null || schema.isNull())) {
            throw new IllegalArgumentException("field 'response_schema_name' needs a 'response_schema'");
        }
        if (name != null && !SCHEMA_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("field 'response_schema_name' must be 1-64 letters, digits, "
                    + "'_' or '-' (got '" + name + "')");
        }
        if (schema != null && schema.isObject()) {
            try {
                ResponseSchema.check(schema);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("field 'response_schema' " + e.getMessage(), e);
            }
        }
    }

    /** True when the answer is JSON constrained by {@code response_schema}. */
    public boolean structured() {
        return responseSchema != null && !responseSchema.isNull();
    }

    /** The schema's name as sent to the model: {@code response_schema_name} or {@code response}. */
    public String schemaName() {
        return responseSchemaName != null ? responseSchemaName : SCHEMA_NAME_DEFAULT;
    }

    /** Short on purpose: payloads carry users' text, which does not belong in logs. */
    @Override
    public String toString() {
        return "GeneratePayload[user_id=" + userId + (prompt != null ? ", prompt" : ", " + messages.size()
                + " messages") + (structured() ? ", schema=" + schemaName() : "") + "]";
    }
}
