package io.jobfleet.llm;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaException;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.PathType;
import java.util.List;

/**
 * Checks a JSON value against a JSON Schema (draft 2020-12 unless the schema's {@code $schema}
 * names another) with networknt's json-schema-validator. The registry never loads a schema from
 * anywhere: no network, no files, no classpath, so a {@code $ref} can only point inside the
 * schema itself. {@link SchemaBounds} refuses cycles and blow-ups before a schema gets here.
 */
public final class SchemaValidator {
    private static final int MAX_ERRORS = 20;
    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(
            SpecificationVersion.DRAFT_2020_12, builder -> builder
                    .schemaRegistryConfig(SchemaRegistryConfig.builder().pathType(PathType.JSON_PATH).build())
                    .schemaLoader(loader -> loader.fetchRemoteResources(false).block(iri -> true))
                    .schemaCacheEnabled(false));

    private SchemaValidator() {
    }

    /** The problems of {@code value} against {@code schema}, each as "$.path: what is wrong"; empty when valid. */
    public static List<String> validate(JsonNode schema, JsonNode value) {
        List<Error> errors;
        try {
            errors = compile(schema).validate(value);
        } catch (IllegalArgumentException | SchemaException e) {
            return List.of("$: " + e.getMessage());
        }
        return errors.stream().limit(MAX_ERRORS).map(SchemaValidator::describe).toList();
    }

    public static boolean isValid(JsonNode schema, JsonNode value) {
        return validate(schema, value).isEmpty();
    }

    /**
     * The compiled schema; throws {@link IllegalArgumentException} for one the library cannot use
     * (an unknown dialect, a reference it cannot resolve).
     */
    static Schema compile(JsonNode schema) {
        try {
            Schema compiled = REGISTRY.getSchema(schema);
            compiled.initializeValidators();
            return compiled;
        } catch (SchemaException e) {
            throw new IllegalArgumentException("cannot be used: " + e.getMessage(), e);
        }
    }

    private static String describe(Error error) {
        String message = error.getMessage();
        String at = error.getInstanceLocation() == null ? "$" : error.getInstanceLocation().toString();
        return message.startsWith(at) ? message : at + ": " + message;
    }
}
