package io.jobfleet.llm;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.jobfleet.engine.Payloads;
import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A named JSON schema for a structured answer, sent as OpenAI's
 * {@code response_format: {"type":"json_schema","json_schema":{"name","strict":true,"schema"}}}.
 * The name also selects the simulator's answer generator ({@code requirements}, {@code invoice},
 * {@code flashcards}, {@code quiz}). For strict mode, every object should list all its properties
 * in {@code required} and set {@code additionalProperties: false}. A schema must keep within
 * {@link SchemaBounds} (no {@code $ref} cycles, no remote references, bounded size and
 * alternatives) and compile; else the constructor throws {@link IllegalArgumentException}.
 */
public record ResponseSchema(String name, JsonNode schema) {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    public ResponseSchema {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(schema, "schema");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("a schema name must be 1-64 letters, digits, _ or - (got " + name + ")");
        }
        if (!schema.isObject()) {
            throw new IllegalArgumentException("schema " + name + " must be a JSON object");
        }
        schema = schema.deepCopy();
        try {
            check(schema);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("schema " + name + " " + e.getMessage(), e);
        }
    }

    /**
     * Refuses a schema that breaks {@link SchemaBounds} or does not compile, with a message that
     * reads after the schema's name, e.g. "has a $ref cycle (#/$defs/a -> #/$defs/a)".
     */
    public static void check(JsonNode schema) {
        SchemaBounds.check(schema);
        SchemaValidator.compile(schema);
    }

    public static ResponseSchema of(String name, JsonNode schema) {
        return new ResponseSchema(name, schema);
    }

    /** A schema from its JSON text. */
    public static ResponseSchema parse(String name, String schemaJson) {
        try {
            return new ResponseSchema(name, Payloads.mapper().readTree(schemaJson));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("schema " + name + " is not valid JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** A schema from a classpath resource next to {@code anchor}, e.g. {@code "invoice.schema.json"}. */
    public static ResponseSchema fromResource(String name, Class<?> anchor, String resource) {
        try (InputStream in = anchor.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("schema resource " + resource + " not found next to " + anchor.getName());
            }
            return new ResponseSchema(name, Payloads.mapper().readTree(in));
        } catch (IOException e) {
            throw new IllegalArgumentException("schema resource " + resource + " cannot be read: " + e.getMessage(), e);
        }
    }

    @Override
    public JsonNode schema() {
        return schema.deepCopy();
    }
}
