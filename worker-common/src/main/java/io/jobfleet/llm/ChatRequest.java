package io.jobfleet.llm;

import java.util.List;

/**
 * What to ask: the messages, and optionally a model, temperature and answer length that override
 * the client's configuration for this call (null = use the configuration).
 */
public record ChatRequest(List<ChatMessage> messages, String model, Double temperature, Integer maxTokens) {

    public ChatRequest {
        if (messages == null || messages.isEmpty()) {
            throw new IllegalArgumentException("a chat request needs at least one message");
        }
        messages = List.copyOf(messages);
        if (temperature != null && (temperature < 0 || temperature > 2)) {
            throw new IllegalArgumentException("temperature must be between 0 and 2 (got " + temperature + ")");
        }
        if (maxTokens != null && maxTokens < 1) {
            throw new IllegalArgumentException("maxTokens must be positive (got " + maxTokens + ")");
        }
    }

    public static ChatRequest of(List<ChatMessage> messages) {
        return new ChatRequest(messages, null, null, null);
    }

    /** A single user message. */
    public static ChatRequest user(String prompt) {
        return of(List.of(ChatMessage.user(prompt)));
    }

    /** A system instruction followed by a user message. */
    public static ChatRequest of(String system, String user) {
        return of(List.of(ChatMessage.system(system), ChatMessage.user(user)));
    }

    public ChatRequest withModel(String newModel) {
        return new ChatRequest(messages, newModel, temperature, maxTokens);
    }

    public ChatRequest withTemperature(Double newTemperature) {
        return new ChatRequest(messages, model, newTemperature, maxTokens);
    }

    public ChatRequest withMaxTokens(Integer newMaxTokens) {
        return new ChatRequest(messages, model, temperature, newMaxTokens);
    }

    /** Short on purpose: requests carry users' documents, which do not belong in logs. */
    @Override
    public String toString() {
        int chars = messages.stream().mapToInt(m -> m.content().length()).sum();
        return "ChatRequest[" + messages.size() + " messages, " + chars + " chars"
                + (model == null ? "" : ", model=" + model) + "]";
    }
}
