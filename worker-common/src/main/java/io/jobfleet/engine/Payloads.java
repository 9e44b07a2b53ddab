package io.jobfleet.engine;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jobfleet.support.Json;
import java.util.stream.Collectors;

/**
 * Reads job payloads into handler records, strictly: a payload that is not a JSON object, lacks a
 * required field or has a field of the wrong type is a permanent {@code bad_payload} error with a
 * message that names the field.
 */
public final class Payloads {
    private static final ObjectMapper MAPPER = Json.mapper();

    private Payloads() {
    }

    /** The project's JSON mapper ({@link Json#mapper()}): strict on input, ISO dates on output. */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    public static JsonNode tree(String json) {
        try {
            return MAPPER.readTree(json == null ? "null" : json);
        } catch (JsonProcessingException e) {
            return MAPPER.nullNode();
        }
    }

    /**
     * A job's payload as a tree with its top-level keys in snake_case: {@code documentId} is read as
     * {@code document_id} (the app's JavaScript sends camelCase), unless the payload also holds the
     * snake_case key, which wins. Nested values are left as they are.
     */
    public static JsonNode payloadTree(String json) {
        return snakeCaseKeys(tree(json));
    }

    static JsonNode snakeCaseKeys(JsonNode node) {
        if (node == null || !node.isObject()) {
            return node;
        }
        ObjectNode out = MAPPER.createObjectNode();
        node.fields().forEachRemaining(e -> {
            String snake = snakeCase(e.getKey());
            if (snake.equals(e.getKey()) || !node.has(snake)) {
                out.set(snake, e.getValue());
            }
        });
        return out;
    }

    /** {@code documentId} to {@code document_id}; a key with no upper-case letter stays as it is. */
    static String snakeCase(String key) {
        StringBuilder b = new StringBuilder(key.length() + 4);
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (Character.isUpperCase(c)) {
                if (i > 0 && key.charAt(i - 1) != '_') {
                    b.append('_');
                }
                b.append(Character.toLowerCase(c));
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }

    public static <P> P read(String json, Class<P> type) throws PermanentJobException {
        JsonNode node;
        try {
            node = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new PermanentJobException(ErrorClasses.BAD_PAYLOAD, "payload is not valid JSON");
        }
        if (node == null || !node.isObject()) {
            throw new PermanentJobException(ErrorClasses.BAD_PAYLOAD,
                    "payload must be a JSON object, got " + (node == null ? "nothing" : kindOf(node)));
        }
        node = snakeCaseKeys(node);
        if (type == JsonNode.class) {
            return type.cast(node);
        }
        try {
            return MAPPER.treeToValue(node, type);
        } catch (JsonProcessingException e) {
            throw new PermanentJobException(ErrorClasses.BAD_PAYLOAD, describe(e));
        } catch (IllegalArgumentException e) {
            // thrown by a record's compact constructor: its message is the explanation
            throw new PermanentJobException(ErrorClasses.BAD_PAYLOAD, "payload " + e.getMessage());
        }
    }

    /**
     * {@code message} with each quoted field the app sent in camelCase named as it sent it: "payload
     * field 'documentId' must be ...", not the snake_case name it was read under. Messages quote a
     * field's name, alone or at the start of a path ({@code 'messages[1].role'}). The engine applies
     * it to every {@code bad_payload} error, those of {@link #read} and a handler's own alike.
     */
    static String spelledAsSent(String message, JsonNode sent) {
        if (message == null || sent == null) {
            return message;
        }
        String out = message;
        for (java.util.Iterator<String> keys = sent.fieldNames(); keys.hasNext(); ) {
            String key = keys.next();
            String snake = snakeCase(key);
            if (!snake.equals(key) && !sent.has(snake)) {
                out = out.replace("'" + snake + "'", "'" + key + "'").replace("'" + snake + ".", "'" + key + ".")
                        .replace("'" + snake + "[", "'" + key + "[");
            }
        }
        return out;
    }

    /** {@code document_id} to {@code documentId}: how an app writing camelCase spells a field. */
    static String camelCase(String key) {
        StringBuilder b = new StringBuilder(key.length());
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (c == '_' && i > 0 && i < key.length() - 1) {
                b.append(Character.toUpperCase(key.charAt(++i)));
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }

    /** A required field the payload lacks, in both spellings an app may use: 'document_id' (or 'documentId'). */
    private static String required(String name) {
        String camel = camelCase(name);
        return camel.equals(name) ? "'" + name + "'" : "'" + name + "' (or '" + camel + "')";
    }

    static String describe(JsonProcessingException e) {
        String field = e instanceof JsonMappingException jme ? path(jme) : "";
        if (e.getCause() instanceof IllegalArgumentException iae && iae.getMessage() != null) {
            // a value type's creator (e.g. an id) says "must be ..." without knowing its field
            return iae.getMessage().startsWith("must ") && !field.isEmpty()
                    ? "payload field '" + field + "' " + iae.getMessage() : "payload " + iae.getMessage();
        }
        if (e instanceof InputCoercionException || e.getCause() instanceof InputCoercionException) {
            return field.isEmpty() ? "payload has a number out of range"
                    : "payload field '" + field + "' must be an integer within range";
        }
        String original = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
        if (original.startsWith("Missing required creator property")) {
            String name = original.replaceAll("(?s).*property '([^']*)'.*", "$1");
            return "payload is missing required field " + required(name);
        }
        if (original.contains("Null value for creator property")) {
            String name = original.replaceAll("(?s).*property '([^']*)'.*", "$1");
            return "payload field '" + name + "' must not be null";
        }
        if (original.startsWith("Cannot map `null`")) {
            return "payload field '" + field + "' must not be null";
        }
        if (e instanceof InvalidFormatException ife) {
            return "payload field '" + field + "' must be " + typeName(ife.getTargetType()) + " (got "
                    + ife.getValue() + ")";
        }
        if (e instanceof MismatchedInputException mie && mie.getTargetType() != null) {
            return "payload field '" + field + "' must be " + typeName(mie.getTargetType());
        }
        return "payload does not match " + "the expected shape"
                + (field.isEmpty() ? "" : " at '" + field + "'");
    }

    private static String path(JsonMappingException e) {
        return e.getPath().stream()
                .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
    }

    private static String typeName(Class<?> t) {
        if (t == null) {
            return "another type";
        }
        if (t == String.class) {
            return "a string";
        }
        if (t == int.class || t == Integer.class || t == long.class || t == Long.class) {
            return "an integer";
        }
        if (t == double.class || t == Double.class || t == float.class || t == Float.class
                || t == java.math.BigDecimal.class) {
            return "a number";
        }
        if (t == boolean.class || t == Boolean.class) {
            return "true or false";
        }
        if (java.util.Collection.class.isAssignableFrom(t) || t.isArray()) {
            return "an array";
        }
        if (t.isEnum()) {
            return "one of " + java.util.Arrays.toString(t.getEnumConstants());
        }
        return "an object";
    }

    private static String kindOf(JsonNode n) {
        return switch (n.getNodeType()) {
            case ARRAY -> "an array";
            case STRING -> "a string";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            case NULL, MISSING -> "null";
            default -> n.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
        };
    }

    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("result cannot be written as JSON: " + e.getOriginalMessage(), e);
        }
    }
}
