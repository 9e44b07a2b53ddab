package io.jobfleet.llm.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jobfleet.llm.SchemaValidator;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Builds a value valid against a schema. Where a {@code hint} (a domain generator's answer) fits
 * a part of the schema, it is kept as is; the rest is filled deterministically: strings from the
 * document's sentences, numbers within their bounds, the first enum value, arrays of
 * {@code minItems} items (at least 1 when allowed).
 */
final class SchemaFiller {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private final JsonNode root;
    private final List<String> phrases = new ArrayList<>();

    private SchemaFiller(JsonNode root, String text) {
        this.root = root;
        Sentences.split(text).forEach(s -> phrases.add(s.text()));
        if (phrases.isEmpty()) {
            phrases.add("simulated value");
        }
    }

    static JsonNode fill(JsonNode schema, JsonNode hint, String text) {
        return new SchemaFiller(schema, text).value(schema, hint, "$");
    }

    private JsonNode value(JsonNode schema, JsonNode hint, String path) {
        if (schema == null || !schema.isObject()) {
            return hint != null ? hint : NODES.textNode(phrase(path, 80));
        }
        if (schema.has("$ref")) {
            return value(root.at(schema.get("$ref").asText().replaceFirst("^#", "")), hint, path);
        }
        if (hint != null && SchemaValidator.isValid(standalone(schema), hint)) {
            return hint;
        }
        if (schema.has("const")) {
            return schema.get("const");
        }
        if (schema.has("enum") && !schema.get("enum").isEmpty()) {
            return schema.get("enum").get(0);
        }
        if (schema.has("anyOf") && !schema.get("anyOf").isEmpty()) {
            return value(schema.get("anyOf").get(0), hint, path);
        }
        return switch (type(schema, hint)) {
            case "object" -> object(schema, hint, path);
            case "array" -> array(schema, hint, path);
            case "integer" -> NODES.numberNode(Math.round(bounded(schema, 1, true)));
            case "number" -> NODES.numberNode(bounded(schema, 1, false));
            case "boolean" -> NODES.booleanNode(true);
            case "null" -> NODES.nullNode();
            default -> NODES.textNode(string(schema, path));
        };
    }

    /** The schema with the root's definitions, so local references resolve when validated alone. */
    private JsonNode standalone(JsonNode schema) {
        if (schema == root || !root.has("$defs") && !root.has("definitions")) {
            return schema;
        }
        ObjectNode copy = ((ObjectNode) schema).deepCopy();
        copy.set("$defs", root.get("$defs"));
        copy.set("definitions", root.get("definitions"));
        return copy;
    }

    /** The schema's type; with a list, the first that fits the hint, else the first that is not null. */
    private static String type(JsonNode schema, JsonNode hint) {
        JsonNode type = schema.get("type");
        if (type == null) {
            return schema.has("properties") ? "object" : schema.has("items") ? "array" : "string";
        }
        if (!type.isArray()) {
            return type.asText();
        }
        String fallback = "null";
        for (JsonNode t : type) {
            if (hint != null && !hint.isMissingNode() && SchemaValidator.validate(
                    NODES.objectNode().put("type", t.asText()), hint).isEmpty()) {
                return t.asText();
            }
            if (fallback.equals("null") && !t.asText().equals("null")) {
                fallback = t.asText();
            }
        }
        return fallback;
    }

    private JsonNode object(JsonNode schema, JsonNode hint, String path) {
        ObjectNode out = NODES.objectNode();
        JsonNode properties = schema.path("properties");
        for (Map.Entry<String, JsonNode> p : properties.properties()) {
            JsonNode sub = hint != null && hint.isObject() ? hint.get(p.getKey()) : null;
            out.set(p.getKey(), value(p.getValue(), sub, path + "." + p.getKey()));
        }
        return out;
    }

    private JsonNode array(JsonNode schema, JsonNode hint, String path) {
        int min = schema.path("minItems").asInt(0);
        int max = schema.has("maxItems") ? schema.get("maxItems").asInt() : Integer.MAX_VALUE;
        int size = Math.max(min, Math.min(max, hint != null && hint.isArray() ? hint.size() : 1));
        ArrayNode out = NODES.arrayNode();
        for (int i = 0; i < size; i++) {
            JsonNode sub = hint != null && hint.isArray() && i < hint.size() ? hint.get(i) : null;
            out.add(value(schema.get("items"), sub, path + "[" + i + "]"));
        }
        return out;
    }

    private String string(JsonNode schema, String path) {
        String format = schema.path("format").asText("");
        if (format.equals("date")) {
            return "1970-01-01";
        }
        if (format.equals("date-time")) {
            return "1970-01-01T00:00:00Z";
        }
        int max = schema.path("maxLength").asInt(80);
        StringBuilder s = new StringBuilder(phrase(path, Math.max(1, max)));
        while (s.length() < schema.path("minLength").asInt(0)) {
            s.append('.');
        }
        return s.toString();
    }

    private String phrase(String path, int max) {
        return Sentences.shorten(phrases.get(Hashes.pick(path, phrases.size())), max);
    }

    private static double bounded(JsonNode schema, double preferred, boolean integer) {
        double low = schema.has("minimum") ? schema.get("minimum").asDouble() : -Double.MAX_VALUE;
        double high = schema.has("maximum") ? schema.get("maximum").asDouble() : Double.MAX_VALUE;
        double step = integer ? 1 : 0.5;
        if (schema.path("exclusiveMinimum").isNumber()) {
            low = schema.get("exclusiveMinimum").asDouble() + step;
        }
        if (schema.path("exclusiveMaximum").isNumber()) {
            high = schema.get("exclusiveMaximum").asDouble() - step;
        }
        double v = Math.max(low, Math.min(high, preferred));
        return integer ? Math.ceil(v) : v;
    }
}
