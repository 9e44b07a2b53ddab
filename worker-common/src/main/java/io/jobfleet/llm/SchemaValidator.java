package io.jobfleet.llm;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Checks a JSON value against the subset of JSON Schema that structured outputs use: {@code type}
 * (one or a list), {@code properties}, {@code required}, {@code additionalProperties},
 * {@code items}, {@code minItems}/{@code maxItems}, {@code enum}, {@code const},
 * {@code minimum}/{@code maximum}, {@code exclusiveMinimum}/{@code exclusiveMaximum},
 * {@code minLength}/{@code maxLength}, {@code anyOf} and local {@code $ref}s
 * ({@code #/$defs/...}). Other keywords ({@code format}, {@code description}, ...) are ignored.
 */
public final class SchemaValidator {
    private static final int MAX_ERRORS = 20;
    private final JsonNode root;
    private final List<String> errors = new ArrayList<>();

    private SchemaValidator(JsonNode root) {
        this.root = root;
    }

    /** The problems of {@code value} against {@code schema}, each as "$.path: what is wrong"; empty when valid. */
    public static List<String> validate(JsonNode schema, JsonNode value) {
        SchemaValidator v = new SchemaValidator(schema);
        v.check(schema, value, "$");
        return List.copyOf(v.errors);
    }

    public static boolean isValid(JsonNode schema, JsonNode value) {
        return validate(schema, value).isEmpty();
    }

    private void check(JsonNode schema, JsonNode value, String path) {
        if (errors.size() >= MAX_ERRORS || schema == null || !schema.isObject()) {
            return;
        }
        if (schema.has("$ref")) {
            check(resolve(schema.get("$ref").asText()), value, path);
            return;
        }
        if (schema.has("anyOf")) {
            checkAnyOf(schema.get("anyOf"), value, path);
        }
        if (schema.has("type") && !typeMatches(schema.get("type"), value)) {
            errors.add(path + ": must be " + describe(schema.get("type")) + ", got " + JsonKinds.of(value));
            return;
        }
        if (schema.has("const") && !schema.get("const").equals(value)) {
            errors.add(path + ": must be " + schema.get("const"));
        }
        if (schema.has("enum") && !contains(schema.get("enum"), value)) {
            errors.add(path + ": must be one of " + schema.get("enum"));
        }
        if (value.isObject()) {
            checkObject(schema, value, path);
        } else if (value.isArray()) {
            checkArray(schema, value, path);
        } else if (value.isNumber()) {
            checkNumber(schema, value, path);
        } else if (value.isTextual()) {
            checkString(schema, value, path);
        }
    }

    private void checkAnyOf(JsonNode options, JsonNode value, String path) {
        for (JsonNode option : options) {
            SchemaValidator inner = new SchemaValidator(root);
            inner.check(option, value, path);
            if (inner.errors.isEmpty()) {
                return;
            }
        }
        errors.add(path + ": matches none of the allowed alternatives");
    }

    private void checkObject(JsonNode schema, JsonNode value, String path) {
        JsonNode properties = schema.path("properties");
        for (JsonNode required : schema.path("required")) {
            if (!value.has(required.asText())) {
                errors.add(path + ": missing required property '" + required.asText() + "'");
            }
        }
        JsonNode additional = schema.get("additionalProperties");
        for (Map.Entry<String, JsonNode> field : value.properties()) {
            String childPath = path + "." + field.getKey();
            if (properties.has(field.getKey())) {
                check(properties.get(field.getKey()), field.getValue(), childPath);
            } else if (additional != null && additional.isBoolean() && !additional.asBoolean()) {
                errors.add(path + ": unexpected property '" + field.getKey() + "'");
            } else if (additional != null && additional.isObject()) {
                check(additional, field.getValue(), childPath);
            }
        }
    }

    private void checkArray(JsonNode schema, JsonNode value, String path) {
        if (schema.has("minItems") && value.size() < schema.get("minItems").asInt()) {
            errors.add(path + ": must have at least " + schema.get("minItems").asInt() + " items, has " + value.size());
        }
        if (schema.has("maxItems") && value.size() > schema.get("maxItems").asInt()) {
            errors.add(path + ": must have at most " + schema.get("maxItems").asInt() + " items, has " + value.size());
        }
        JsonNode items = schema.get("items");
        if (items != null && items.isObject()) {
            for (int i = 0; i < value.size(); i++) {
                check(items, value.get(i), path + "[" + i + "]");
            }
        }
    }

    private void checkNumber(JsonNode schema, JsonNode value, String path) {
        double v = value.asDouble();
        if (schema.has("minimum") && v < schema.get("minimum").asDouble()) {
            errors.add(path + ": must be at least " + schema.get("minimum") + ", got " + value);
        }
        if (schema.has("maximum") && v > schema.get("maximum").asDouble()) {
            errors.add(path + ": must be at most " + schema.get("maximum") + ", got " + value);
        }
        if (schema.path("exclusiveMinimum").isNumber() && v <= schema.get("exclusiveMinimum").asDouble()) {
            errors.add(path + ": must be above " + schema.get("exclusiveMinimum") + ", got " + value);
        }
        if (schema.path("exclusiveMaximum").isNumber() && v >= schema.get("exclusiveMaximum").asDouble()) {
            errors.add(path + ": must be below " + schema.get("exclusiveMaximum") + ", got " + value);
        }
    }

    private void checkString(JsonNode schema, JsonNode value, String path) {
        int length = value.asText().codePointCount(0, value.asText().length());
        if (schema.has("minLength") && length < schema.get("minLength").asInt()) {
            errors.add(path + ": must have at least " + schema.get("minLength").asInt() + " characters");
        }
        if (schema.has("maxLength") && length > schema.get("maxLength").asInt()) {
            errors.add(path + ": must have at most " + schema.get("maxLength").asInt() + " characters");
        }
    }

    private JsonNode resolve(String ref) {
        if (!ref.startsWith("#")) {
            errors.add("$: unsupported schema reference " + ref);
            return null;
        }
        JsonNode target = root.at(ref.substring(1));
        if (target.isMissingNode()) {
            errors.add("$: schema reference " + ref + " not found");
            return null;
        }
        return target;
    }

    static boolean typeMatches(JsonNode type, JsonNode value) {
        if (type.isArray()) {
            for (JsonNode t : type) {
                if (typeMatches(t.asText(), value)) {
                    return true;
                }
            }
            return false;
        }
        return typeMatches(type.asText(), value);
    }

    static boolean typeMatches(String type, JsonNode value) {
        return switch (type) {
            case "object" -> value.isObject();
            case "array" -> value.isArray();
            case "string" -> value.isTextual();
            case "integer" -> value.isIntegralNumber()
                    || value.isNumber() && value.decimalValue().stripTrailingZeros().scale() <= 0;
            case "number" -> value.isNumber();
            case "boolean" -> value.isBoolean();
            case "null" -> value.isNull();
            default -> true;
        };
    }

    private static boolean contains(JsonNode options, JsonNode value) {
        for (JsonNode option : options) {
            if (option.equals(value) || option.isNumber() && value.isNumber()
                    && option.decimalValue().compareTo(value.decimalValue()) == 0) {
                return true;
            }
        }
        return false;
    }

    private static String describe(JsonNode type) {
        if (!type.isArray()) {
            return JsonKinds.article(type.asText());
        }
        List<String> names = new ArrayList<>();
        type.forEach(t -> names.add(JsonKinds.article(t.asText())));
        return String.join(" or ", names);
    }
}
