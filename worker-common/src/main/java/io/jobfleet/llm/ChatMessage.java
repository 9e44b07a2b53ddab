package io.jobfleet.llm;

import java.util.Objects;
import java.util.Set;

/** One message of a conversation: a role ({@code system}, {@code user}, {@code assistant}) and text. */
public record ChatMessage(String role, String content) {
    private static final Set<String> ROLES = Set.of("system", "developer", "user", "assistant");

    public ChatMessage {
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(content, "content");
        if (!ROLES.contains(role)) {
            throw new IllegalArgumentException("role must be one of " + ROLES + " (got " + role + ")");
        }
    }

    public static ChatMessage system(String content) {
        return new ChatMessage("system", content);
    }

    public static ChatMessage user(String content) {
        return new ChatMessage("user", content);
    }

    public static ChatMessage assistant(String content) {
        return new ChatMessage("assistant", content);
    }

    @Override
    public String toString() {
        return role + "(" + content.length() + " chars)";
    }
}
