package io.jobfleet.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import io.jobfleet.engine.Payloads;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class StructuredOutputTest {
    static final ResponseSchema SCHEMA = ResponseSchema.parse("todo_list", """
            {"type":"object","additionalProperties":false,"required":["title","items"],
             "properties":{
               "title":{"type":"string"},
               "items":{"type":"array","minItems":1,"items":{
                 "type":"object","additionalProperties":false,"required":["task","priority","due_day"],
                 "properties":{"task":{"type":"string"},
                               "priority":{"type":"string","enum":["high","low"]},
                               "due_day":{"type":["integer","null"],"minimum":1,"maximum":31}}}}}}
            """);

    record TodoList(String title, List<Item> items) {
    }

    record Item(String task, String priority, Integer dueDay) {
    }

    @StartStop
    private final MockWebServer server = new MockWebServer();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private LlmClient client;

    @BeforeEach
    void setUp() {
        client = LlmClient.create(LlmTesting.config(LlmTesting.baseUrl(server)), meters);
    }

    @AfterEach
    void tearDown() {
        client.close();
    }

    @Test
    void sendsAStrictJsonSchemaAndParsesTheAnswerIntoRecords() throws Exception {
        String answer = "{\"title\":\"Week\",\"items\":[{\"task\":\"Pay rent\",\"priority\":\"high\",\"due_day\":1},"
                + "{\"task\":\"Call mum\",\"priority\":\"low\",\"due_day\":null}]}";
        server.enqueue(LlmTesting.ok(answer));

        Structured<TodoList> result = client.chatStructured(ChatRequest.of("Plan.", "My week").withMaxTokens(300),
                SCHEMA, TodoList.class, Cancellation.NONE);

        assertThat(result.value()).isEqualTo(new TodoList("Week",
                List.of(new Item("Pay rent", "high", 1), new Item("Call mum", "low", null))));
        assertThat(result.rawContent()).isEqualTo(answer);
        assertThat(result.model()).isEqualTo("served-model");
        assertThat(result.usage()).isEqualTo(new Usage(11, 7, 18));
        assertThat(result.finishReason()).isEqualTo("stop");

        RecordedRequest sent = server.takeRequest();
        assertThat(sent.getUrl().encodedPath()).isEqualTo("/v1/chat/completions");
        assertThat(sent.getHeaders().get("Authorization")).as("no key, no header").isNull();
        JsonNode body = Payloads.tree(sent.getBody().utf8());
        assertThat(body.path("model").asText()).isEqualTo("test-model");
        assertThat(body.path("max_tokens").asInt()).isEqualTo(300);
        assertThat(body.path("temperature").asDouble()).isEqualTo(0.2);
        assertThat(body.path("messages").get(1).path("role").asText()).isEqualTo("user");
        JsonNode format = body.path("response_format");
        assertThat(format.path("type").asText()).isEqualTo("json_schema");
        assertThat(format.path("json_schema").path("name").asText()).isEqualTo("todo_list");
        assertThat(format.path("json_schema").path("strict").asBoolean()).isTrue();
        assertThat(format.path("json_schema").path("schema")).isEqualTo(SCHEMA.schema());

        assertThat(meters.get("jobfleet.llm.tokens").tag("kind", "prompt").counter().count()).isEqualTo(11);
        assertThat(meters.get("jobfleet.llm.tokens").tag("kind", "completion").counter().count()).isEqualTo(7);
        assertThat(meters.get("jobfleet.llm.call.duration").tag("model", "test-model").timer().count()).isEqualTo(1);
    }

    @Test
    void acceptsJsonInAMarkdownFence() throws Exception {
        server.enqueue(LlmTesting.ok("```json\n{\"title\":\"T\",\"items\":[{\"task\":\"a\",\"priority\":\"low\","
                + "\"due_day\":3}]}\n```"));
        TodoList list = client.chatStructured(ChatRequest.user("x"), SCHEMA, TodoList.class, Cancellation.NONE).value();
        assertThat(list.items()).containsExactly(new Item("a", "low", 3));
    }

    @Test
    void invalidJsonIsMalformedOutput() {
        server.enqueue(LlmTesting.ok("{\"title\": \"Week\", \"items\": [ {\"task\": "));
        LlmException e = malformed();
        assertThat(e.getMessage()).isEqualTo("The AI answer was not in the expected format (the answer is not valid JSON).");
        assertThat(meters.get("jobfleet.llm.calls").tag("type", "malformed_output").counter().count()).isEqualTo(1);
    }

    @Test
    void answerBreakingTheSchemaIsMalformedOutput() {
        server.enqueue(LlmTesting.ok("{\"title\":\"Week\",\"items\":[{\"task\":\"a\",\"priority\":\"urgent\",\"due_day\":40}]}"));
        assertThat(malformed().detail())
                .isEqualTo("$.items[0].priority: does not have a value in the enumeration [\"high\", \"low\"] and 1 more");

        server.enqueue(LlmTesting.ok("{\"title\":\"Week\"}"));
        assertThat(malformed().detail()).isEqualTo("$: required property 'items' not found");

        server.enqueue(LlmTesting.ok("{\"title\":\"W\",\"items\":[],\"extra\":1}"));
        assertThat(malformed().detail()).startsWith("$.items: must have at least 1 items");
    }

    @Test
    void answerThatDoesNotFitTheRecordIsMalformedOutput() {
        ResponseSchema loose = ResponseSchema.parse("loose", "{\"type\":\"object\"}");
        server.enqueue(LlmTesting.ok("{\"title\":[1,2],\"items\":[]}"));
        LlmException e = catchThrowableOfType(LlmException.class,
                () -> client.chatStructured(ChatRequest.user("x"), loose, TodoList.class, Cancellation.NONE));
        assertThat(e.type()).isEqualTo(LlmErrorType.MALFORMED_OUTPUT);
        assertThat(e.detail()).startsWith("does not fit TodoList");
    }

    private LlmException malformed() {
        LlmException e = catchThrowableOfType(LlmException.class,
                () -> client.chatStructured(ChatRequest.user("x"), SCHEMA, TodoList.class, Cancellation.NONE));
        assertThat(e.type()).isEqualTo(LlmErrorType.MALFORMED_OUTPUT);
        assertThat(e.retryable()).isTrue();
        return e;
    }
}
