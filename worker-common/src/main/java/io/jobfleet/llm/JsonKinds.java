package io.jobfleet.llm;

import com.fasterxml.jackson.databind.JsonNode;

/** Readable names of JSON value kinds for validation messages. */
final class JsonKinds {
    private JsonKinds() {
    }

    static String of(JsonNode value) {
        if (value == null || value.isNull() || value.isMissingNode()) {
            return "null";
        }
        if (value.isIntegralNumber()) {
            return "an integer";
        }
        if (value.isNumber()) {
            return "a number";
        }
        if (value.isTextual()) {
            return "a string";
        }
        if (value.isBoolean()) {
            return "a boolean";
        }
        return value.isArray() ? "an array" : "an object";
    }

    static String article(String type) {
        return switch (type) {
            case "object", "array", "integer" -> "an " + type;
            case "null" -> "null";
            default -> "a " + type;
        };
    }
}
