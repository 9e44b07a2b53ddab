package io.jobfleet.llm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.jobfleet.engine.Payloads;
import org.junit.jupiter.api.Test;

class SchemaValidatorTest {
    private static final JsonNode SCHEMA = Payloads.tree("""
            {"type":"object","additionalProperties":false,"required":["name","count","tags","ratio","ok","kind"],
             "properties":{
               "name":{"type":"string","minLength":2,"maxLength":5},
               "count":{"type":"integer","minimum":0,"maximum":10},
               "tags":{"type":"array","minItems":1,"maxItems":2,"items":{"type":"string"}},
               "ratio":{"type":["number","null"],"exclusiveMaximum":1},
               "ok":{"type":"boolean"},
               "kind":{"enum":["a","b"]},
               "ref":{"$ref":"#/$defs/point"}},
             "$defs":{"point":{"type":"object","required":["x"],"properties":{"x":{"type":"number"}}}}}
            """);

    private static java.util.List<String> check(String json) {
        return SchemaValidator.validate(SCHEMA, Payloads.tree(json));
    }

    @Test
    void acceptsAValidValue() {
        assertThat(check("{\"name\":\"abc\",\"count\":3.0,\"tags\":[\"x\"],\"ratio\":null,\"ok\":true,\"kind\":\"b\","
                + "\"ref\":{\"x\":1.5}}")).isEmpty();
        assertThat(SchemaValidator.isValid(SCHEMA, Payloads.tree("{\"name\":\"abc\",\"count\":0,\"tags\":[\"x\",\"y\"],"
                + "\"ratio\":0.5,\"ok\":false,\"kind\":\"a\"}"))).isTrue();
    }

    @Test
    void namesEveryProblemWithItsPath() {
        assertThat(check("{\"name\":\"a\",\"count\":11,\"tags\":[],\"ratio\":1,\"ok\":\"yes\",\"kind\":\"c\","
                + "\"ref\":{},\"extra\":true}")).containsExactlyInAnyOrder(
                "$.name: must be at least 2 characters long",
                "$.count: must have a maximum value of 10",
                "$.tags: must have at least 1 items but found 0",
                "$.ratio: must have an exclusive maximum value of 1",
                "$.ok: string found, boolean expected",
                "$.kind: does not have a value in the enumeration [\"a\", \"b\"]",
                "$.ref: required property 'x' not found",
                "$: property 'extra' is not defined in the schema and the schema does not allow additional properties");
    }

    @Test
    void checksTypesOfArrayItemsAndIntegers() {
        assertThat(check("{\"name\":\"abc\",\"count\":2.5,\"tags\":[\"x\",3],\"ratio\":0,\"ok\":true,\"kind\":\"a\"}"))
                .containsExactly("$.count: number found, integer expected", "$.tags[1]: integer found, string expected");
        assertThat(SchemaValidator.validate(SCHEMA, Payloads.tree("[]")))
                .containsExactly("$: array found, object expected");
    }

    @Test
    void missingRequiredPropertiesAreReported() {
        assertThat(check("{}")).hasSize(6).allSatisfy(p -> assertThat(p).matches("\\$: required property '[a-z]+' not found"));
    }

    @Test
    void aNamedDialectIsUsedWithoutLoadingItsMetaSchema() {
        JsonNode draft7 = Payloads.tree("{\"$schema\":\"http://json-schema.org/draft-07/schema#\","
                + "\"type\":\"object\",\"required\":[\"a\"],\"definitions\":{\"n\":{\"type\":\"number\"}},"
                + "\"properties\":{\"a\":{\"$ref\":\"#/definitions/n\"}}}");
        assertThat(SchemaValidator.validate(draft7, Payloads.tree("{\"a\":1}"))).isEmpty();
        assertThat(SchemaValidator.validate(draft7, Payloads.tree("{\"a\":\"x\"}")))
                .containsExactly("$.a: string found, number expected");
    }

    @Test
    void theLibraryFetchesNoRemoteReference() throws Exception {
        try (mockwebserver3.MockWebServer server = new mockwebserver3.MockWebServer()) {
            server.start();
            String url = server.url("/schema.json").toString();
            JsonNode remote = Payloads.tree("{\"type\":\"object\",\"properties\":{\"a\":{\"$ref\":\"" + url + "\"}}}");

            java.util.List<String> problems = SchemaValidator.validate(remote, Payloads.tree("{\"a\":1}"));

            assertThat(problems).singleElement().asString().startsWith("$: cannot be used");
            assertThat(server.getRequestCount()).isZero();
        }
    }
}
