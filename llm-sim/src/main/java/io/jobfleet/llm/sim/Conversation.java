package io.jobfleet.llm.sim;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A chat-completions request as the simulator reads it: the messages, the requested schema (if
 * any), the markers of the last user message, and the "document" a {@link SimulatedAnswers}
 * works on.
 */
public record Conversation(List<String> roles, List<String> contents, String schemaName, JsonNode schema,
                           Integer maxTokens) {
    private static final Pattern DOCUMENT_TAGS = Pattern.compile("(?s)<document>(.*?)</document>");
    private static final Pattern SEPARATOR = Pattern.compile("(?m)^\\s*---+\\s*$");

    /** Reads the request body; throws IllegalArgumentException with a message for the client. */
    static Conversation parse(JsonNode body) {
        JsonNode messages = body.path("messages");
        if (!messages.isArray() || messages.isEmpty()) {
            throw new IllegalArgumentException("'messages' must be a non-empty array");
        }
        List<String> roles = new ArrayList<>();
        List<String> contents = new ArrayList<>();
        for (JsonNode m : messages) {
            roles.add(m.path("role").asText("user"));
            contents.add(content(m.get("content")));
        }
        JsonNode format = body.path("response_format");
        String name = null;
        JsonNode schema = null;
        if ("json_schema".equals(format.path("type").asText())) {
            name = format.path("json_schema").path("name").asText("response");
            schema = format.path("json_schema").path("schema");
            if (!schema.isObject()) {
                throw new IllegalArgumentException("'response_format.json_schema.schema' must be an object");
            }
        }
        JsonNode maxTokens = body.has("max_completion_tokens") ? body.get("max_completion_tokens") : body.get("max_tokens");
        return new Conversation(roles, contents, name, schema,
                maxTokens != null && maxTokens.canConvertToInt() && maxTokens.asInt() > 0 ? maxTokens.asInt() : null);
    }

    /** Text content, also from the list-of-parts form ({@code [{"type":"text","text":...}]}). */
    private static String content(JsonNode c) {
        if (c == null || c.isNull()) {
            return "";
        }
        if (c.isArray()) {
            StringBuilder sb = new StringBuilder();
            c.forEach(part -> sb.append(part.path("text").asText("")).append('\n'));
            return sb.toString().strip();
        }
        return c.asText();
    }

    public boolean wantsJson() {
        return schema != null;
    }

    /** The last user message as sent, markers included. */
    String lastUserRaw() {
        for (int i = roles.size() - 1; i >= 0; i--) {
            if ("user".equals(roles.get(i))) {
                return contents.get(i);
            }
        }
        return contents.get(contents.size() - 1);
    }

    public Markers markers() {
        return Markers.parse(lastUserRaw());
    }

    /** The last user message without markers. */
    public String lastUser() {
        return Markers.strip(lastUserRaw());
    }

    /** Every message without markers, for instructions such as "make 5 flashcards". */
    public String prompt() {
        return Markers.strip(String.join("\n", contents));
    }

    /**
     * The text to work on: what is inside {@code <document>...</document>} in the last user
     * message, else what follows its first {@code ---} line, else the whole message.
     */
    public String document() {
        String text = lastUser();
        Matcher tags = DOCUMENT_TAGS.matcher(text);
        if (tags.find()) {
            return tags.group(1).strip();
        }
        Matcher separator = SEPARATOR.matcher(text);
        return separator.find() ? text.substring(separator.end()).strip() : text;
    }

    /**
     * How many items the prompt asks for, e.g. 5 for "make 5 flashcards" or "5 short questions";
     * {@code fallback} when it does not say, at most {@code max}.
     */
    public int requested(String noun, int fallback, int max) {
        Matcher m = Pattern.compile("(?i)\\b(\\d{1,3})\\s+(?:[\\w-]+\\s+){0,2}?" + noun + "s?\\b").matcher(prompt());
        if (!m.find()) {
            return fallback;
        }
        return Math.max(1, Math.min(max, Integer.parseInt(m.group(1))));
    }

    int promptChars() {
        return contents.stream().mapToInt(String::length).sum();
    }
}
