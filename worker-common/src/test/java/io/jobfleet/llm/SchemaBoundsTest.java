package io.jobfleet.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jobfleet.engine.Payloads;
import org.junit.jupiter.api.Test;

class SchemaBoundsTest {

    /** {@code a0: anyOf[a1, a1], a1: anyOf[a2, a2], ...}: 2^depth alternatives from a few hundred bytes. */
    static String exponentialAnyOf(int depth) {
        StringBuilder defs = new StringBuilder();
        for (int i = 0; i < depth; i++) {
            String next = i + 1 < depth ? "{\"$ref\":\"#/$defs/a" + (i + 1) + "\"}" : "{\"type\":\"string\"}";
            defs.append(i == 0 ? "" : ",").append("\"a").append(i).append("\":{\"anyOf\":[").append(next)
                    .append(",").append(next).append("]}");
        }
        return "{\"type\":\"object\",\"properties\":{\"x\":{\"$ref\":\"#/$defs/a0\"}},\"$defs\":{" + defs + "}}";
    }

    static final String REF_CYCLE = """
            {"type":"object","properties":{"node":{"$ref":"#/$defs/a"}},
             "$defs":{"a":{"type":"object","properties":{"next":{"$ref":"#/$defs/b"}}},
                      "b":{"type":"object","properties":{"back":{"$ref":"#/$defs/a"}}}}}""";

    private static String refusal(String schema) {
        Throwable t = org.assertj.core.api.Assertions.catchThrowable(() -> SchemaBounds.check(Payloads.tree(schema)));
        assertThat(t).isInstanceOf(IllegalArgumentException.class);
        return t.getMessage();
    }

    @Test
    void refusesReferenceCycles() {
        assertThat(refusal(REF_CYCLE)).isEqualTo("has a $ref cycle (#/$defs/a -> #/$defs/b -> #/$defs/a)");
        assertThat(refusal("{\"type\":\"object\",\"properties\":{\"self\":{\"$ref\":\"#\"}}}"))
                .isEqualTo("has a $ref cycle (# -> #)");
    }

    @Test
    void refusesAlternativesThatMultiplyBehindReferences() {
        String schema = exponentialAnyOf(30);
        assertThat(schema.length()).as("small on the wire").isLessThan(2000);
        assertThat(refusal(schema)).startsWith("expands to more than 10000 subschemas");
        SchemaBounds.check(Payloads.tree(exponentialAnyOf(5)));
    }

    @Test
    void refusesRemoteAndDanglingReferences() {
        assertThat(refusal("{\"$ref\":\"http://127.0.0.1:1/schema.json\"}"))
                .startsWith("has a $ref outside the schema (http://127.0.0.1:1/schema.json)");
        assertThat(refusal("{\"properties\":{\"a\":{\"$ref\":\"other.json#/x\"}}}"))
                .startsWith("has a $ref outside the schema");
        assertThat(refusal("{\"properties\":{\"a\":{\"$ref\":\"#/$defs/missing\"}}}"))
                .isEqualTo("has a $ref to nothing (#/$defs/missing)");
    }

    @Test
    void refusesOversizedDeepOrBranchySchemas() {
        assertThat(refusal("{\"description\":\"" + "x".repeat(SchemaBounds.MAX_CHARS) + "\"}"))
                .startsWith("is too large");
        String deep = "{\"items\":".repeat(40) + "{}" + "}".repeat(40);
        assertThat(refusal(deep)).startsWith("is nested too deeply");
        String branchy = "{\"anyOf\":[" + "{\"type\":\"string\"},".repeat(SchemaBounds.MAX_BRANCHES) + "{}]}";
        assertThat(refusal(branchy)).startsWith("has too many anyOf/oneOf/allOf alternatives");
    }

    @Test
    void theResponseSchemaRefusesThemByName() {
        assertThatThrownBy(() -> ResponseSchema.parse("loop", REF_CYCLE))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("schema loop has a $ref cycle");
    }

    @Test
    void theFamiliesSchemaShapesPass() {
        SchemaBounds.check(StructuredOutputTest.SCHEMA.schema());
        SchemaBounds.check(Payloads.tree("""
                {"type":"object","properties":{"a":{"$ref":"#/$defs/p"},"b":{"$ref":"#/$defs/p"}},
                 "$defs":{"p":{"anyOf":[{"type":"string"},{"type":"null"}]}}}"""));
    }
}
