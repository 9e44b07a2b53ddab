package io.jobfleet.llm.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jobfleet.engine.Payloads;
import io.jobfleet.llm.Cancellation;
import io.jobfleet.llm.ChatRequest;
import io.jobfleet.llm.LlmClient;
import io.jobfleet.llm.ResponseSchema;
import io.jobfleet.llm.SchemaValidator;
import io.jobfleet.llm.Structured;
import io.jobfleet.llm.sim.testing.SimulatedLlm;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Structured answers: a family's {@link SimulatedAnswers} registered for the schema's name, else
 * the generic filler; either conformed to the requested schema.
 */
class StructuredAnswersTest {
    private static final ResponseSchema NOTES = ResponseSchema.parse("notes", """
            {"type":"object","additionalProperties":false,"required":["notes"],
             "properties":{"notes":{"type":"array","minItems":3,"items":{"type":"object",
               "additionalProperties":false,"required":["text"],"properties":{"text":{"type":"string"}}}}}}
            """);

    /** Answers {@code notes} with one note quoting the document. */
    static final class NotesAnswers implements SimulatedAnswers {
        @Override
        public Set<String> schemaNames() {
            return Set.of("notes");
        }

        @Override
        public JsonNode answer(Conversation request) {
            ObjectNode root = Payloads.mapper().createObjectNode();
            root.putArray("notes").addObject().put("text", "Note: " + request.document());
            return root;
        }
    }

    private final LlmSimulator sim = new LlmSimulator(SimulatorConfig.ephemeral(), List.of(new NotesAnswers())).start();
    private final LlmClient client = LlmClient.create(SimulatedLlm.clientConfig(sim.baseUrl()), new SimpleMeterRegistry());

    @AfterEach
    void tearDown() {
        client.close();
        sim.close();
    }

    private <T> Structured<T> ask(String system, String user, ResponseSchema schema, Class<T> type) throws Exception {
        Structured<T> answer = client.chatStructured(ChatRequest.of(system, user), schema, type, Cancellation.NONE);
        assertThat(SchemaValidator.validate(schema.schema(), Payloads.tree(answer.rawContent()))).isEmpty();
        assertThat(answer.model()).isEqualTo(LlmSimulator.MODEL);
        return answer;
    }

    @Test
    void registeredAnswersAreUsedAndAdaptedToTheSchema() throws Exception {
        JsonNode v = ask("Take notes.", "---\nRust is a systems language.", NOTES, JsonNode.class).value();
        assertThat(v.path("notes")).as("minItems 3 fills the missing notes").hasSize(3);
        assertThat(v.path("notes").get(0).path("text").asText()).isEqualTo("Note: Rust is a systems language.");
    }

    @Test
    void twoAnswersForOneSchemaAreRefused() {
        assertThatThrownBy(() -> new LlmSimulator(SimulatorConfig.ephemeral(), List.of(new NotesAnswers(),
                new SimulatedAnswers() {
                    @Override
                    public Set<String> schemaNames() {
                        return Set.of("notes");
                    }

                    @Override
                    public JsonNode answer(Conversation request) {
                        return null;
                    }
                }))).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'notes'");
    }

    @Test
    void anyOtherSchemaIsFilledValidly() throws Exception {
        ResponseSchema schema = ResponseSchema.parse("summary", """
                {"type":"object","required":["title","score","ratio","tags","level","flag","nested"],
                 "properties":{
                   "title":{"type":"string","maxLength":30},
                   "score":{"type":"integer","minimum":5,"maximum":9},
                   "ratio":{"type":"number","exclusiveMinimum":0,"maximum":1},
                   "tags":{"type":"array","minItems":3,"maxItems":5,"items":{"type":"string"}},
                   "level":{"enum":["low","high"]},
                   "flag":{"type":"boolean"},
                   "point":{"$ref":"#/$defs/point"},
                   "nested":{"type":"object","properties":{"n":{"type":["null","integer"]}}}},
                 "$defs":{"point":{"type":"object","required":["x"],"properties":{"x":{"type":"number"}}}}}
                """);
        Structured<JsonNode> a = ask("Summarize.", "Queues decouple work from requests. They smooth load.",
                schema, JsonNode.class);
        JsonNode v = a.value();
        assertThat(v.path("tags")).hasSize(3);
        assertThat(v.path("score").asInt()).isEqualTo(5);
        assertThat(v.path("level").asText()).isEqualTo("low");
        assertThat(v.path("title").asText()).hasSizeLessThanOrEqualTo(30);
        assertThat(v.path("point").path("x").isNumber()).isTrue();

        Structured<JsonNode> again = ask("Summarize.", "Queues decouple work from requests. They smooth load.",
                schema, JsonNode.class);
        assertThat(again.rawContent()).as("deterministic").isEqualTo(a.rawContent());
    }
}
