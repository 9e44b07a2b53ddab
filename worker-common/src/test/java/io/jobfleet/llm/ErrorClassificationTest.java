package io.jobfleet.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.jobfleet.engine.JobException;
import io.jobfleet.engine.PermanentJobException;
import io.jobfleet.engine.RetryableJobException;
import io.jobfleet.engine.SnoozeJobException;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ErrorClassificationTest {
    @StartStop
    private final MockWebServer server = new MockWebServer();
    private LlmClient client;

    @BeforeEach
    void setUp() {
        client = LlmClient.create(LlmTesting.config(LlmTesting.baseUrl(server)), new SimpleMeterRegistry());
    }

    @AfterEach
    void tearDown() {
        client.close();
    }

    private LlmException callFails() {
        return catchThrowableOfType(LlmException.class,
                () -> client.chat(ChatRequest.user("hello"), Cancellation.NONE));
    }

    @ParameterizedTest(name = "{0} {1}/{2} -> {4}")
    @CsvSource(delimiter = '|', nullValues = "null", textBlock = """
            429 | requests              | rate_limit_exceeded     | Rate limit reached for gpt-4o-mini            | RATE_LIMITED     | true
            429 | insufficient_quota    | insufficient_quota      | You exceeded your current quota               | QUOTA_EXCEEDED   | false
            500 | server_error          | null                    | The server had an error                       | OVERLOADED       | true
            502 | null                  | null                    | Bad gateway                                   | OVERLOADED       | true
            503 | server_error          | null                    | The engine is currently overloaded            | OVERLOADED       | true
            529 | overloaded_error      | null                    | Overloaded                                    | OVERLOADED       | true
            504 | null                  | null                    | Gateway timeout                               | TIMEOUT          | true
            401 | invalid_request_error | invalid_api_key         | Incorrect API key provided                    | AUTH             | false
            403 | permission_error      | null                    | You are not allowed to use this model         | AUTH             | false
            400 | invalid_request_error | null                    | Invalid value for 'temperature'               | INVALID_REQUEST  | false
            404 | invalid_request_error | model_not_found         | The model 'gpt-9' does not exist              | INVALID_REQUEST  | false
            422 | null                  | null                    | Unprocessable entity                          | INVALID_REQUEST  | false
            400 | invalid_request_error | context_length_exceeded | Too long                                      | CONTEXT_TOO_LONG | false
            400 | BadRequestError       | null                    | This model's maximum context length is 8192 tokens | CONTEXT_TOO_LONG | false
            400 | invalid_request_error | content_filter          | The response was filtered                     | CONTENT_FILTERED | false
            """)
    void classifiesErrorAnswers(int status, String type, String code, String message, LlmErrorType expected,
                                boolean retryable) {
        server.enqueue(LlmTesting.error(status, type, code, message));

        LlmException e = callFails();

        assertThat(e.type()).isEqualTo(expected);
        assertThat(e.retryable()).isEqualTo(retryable);
        assertThat(e.code()).isEqualTo(expected.name().toLowerCase());
        assertThat(e.httpStatus()).isEqualTo(status);
        assertThat(e.getMessage()).doesNotContain("http://", "Exception", "\n").hasSizeLessThan(260);
    }

    @Test
    void readsFlatErrorBodiesOfLocalServers() {
        server.enqueue(LlmTesting.json(404, "{\"error\":\"model 'llama9' not found, try pulling it first\"}"));
        LlmException ollama = callFails();
        assertThat(ollama.type()).isEqualTo(LlmErrorType.INVALID_REQUEST);
        assertThat(ollama.getMessage()).contains("model 'llama9' not found");

        server.enqueue(LlmTesting.json(400, "{\"object\":\"error\",\"message\":\"This model's maximum context "
                + "length is 4096 tokens. However, you requested 5000 tokens\",\"type\":\"BadRequestError\",\"code\":400}"));
        assertThat(callFails().type()).isEqualTo(LlmErrorType.CONTEXT_TOO_LONG);
    }

    @Test
    void contentFilterStopOfASuccessfulAnswerIsContentFiltered() {
        server.enqueue(LlmTesting.json(200, LlmTesting.completionJson("", "content_filter")));
        LlmException e = callFails();
        assertThat(e.type()).isEqualTo(LlmErrorType.CONTENT_FILTERED);
        assertThat(e.retryable()).isFalse();
    }

    @Test
    void unreadableSuccessfulAnswerIsMalformed() {
        server.enqueue(new MockResponse.Builder().code(200).body("<html>proxy login</html>").build());
        LlmException e = callFails();
        assertThat(e.type()).isEqualTo(LlmErrorType.MALFORMED_OUTPUT);
        assertThat(e.retryable()).isTrue();
    }

    @Test
    void providerDetailIsSanitizedAndShort() {
        String message = "Bad request for https://internal.example/v1?key=abc, token sk-proj-abcdefghijklmnop "
                + "and Bearer xyz123; " + "very long explanation ".repeat(20);
        server.enqueue(LlmTesting.error(400, "invalid_request_error", null, message));

        LlmException e = callFails();

        assertThat(e.detail()).doesNotContain("https://", "internal.example", "sk-proj", "xyz123")
                .hasSizeLessThanOrEqualTo(Redaction.MAX_DETAIL);
        assertThat(e.getMessage()).startsWith("The AI service rejected the request (HTTP 400): Bad request for <url>");
    }

    @Test
    void refusedConnectionIsConnection() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        try (LlmClient c = LlmClient.create(LlmTesting.config("http://127.0.0.1:" + closedPort + "/v1"),
                new SimpleMeterRegistry())) {
            assertThatThrownBy(() -> c.chat(ChatRequest.user("hi"), Cancellation.NONE))
                    .isInstanceOfSatisfying(LlmException.class, e -> {
                        assertThat(e.type()).isEqualTo(LlmErrorType.CONNECTION);
                        assertThat(e.getMessage()).isEqualTo("The AI service could not be reached.");
                    });
        }
    }

    @Test
    void silentServerIsTimeout() {
        LlmConfig config = LlmTesting.config(LlmTesting.baseUrl(server))
                .withTimeouts(Duration.ofSeconds(1), Duration.ofMillis(300), Duration.ofSeconds(5));
        server.enqueue(new MockResponse.Builder().headersDelay(5, TimeUnit.SECONDS).body("{}").build());
        try (LlmClient c = LlmClient.create(config, new SimpleMeterRegistry())) {
            assertThatThrownBy(() -> c.chat(ChatRequest.user("hi"), Cancellation.NONE))
                    .isInstanceOfSatisfying(LlmException.class,
                            e -> assertThat(e.type()).isEqualTo(LlmErrorType.TIMEOUT));
        }
    }

    @Test
    void mapsToTheEnginesJobExceptions() {
        server.enqueue(LlmTesting.error(429, "requests", "rate_limit_exceeded", "slow down"));
        // a rate limit snoozes the job (no attempt spent) rather than failing it
        JobException snoozed = callFails().toJobException();
        assertThat(snoozed).isInstanceOf(SnoozeJobException.class);
        assertThat(snoozed.errorClass()).isEqualTo("snoozed");
        assertThat(snoozed.getMessage()).isEqualTo("The AI service is rate limiting requests.");

        server.enqueue(LlmTesting.error(503, "server_error", "overloaded", "try later"));
        JobException retryable = callFails().toJobException();
        assertThat(retryable).isInstanceOf(RetryableJobException.class);

        server.enqueue(LlmTesting.error(401, "invalid_request_error", "invalid_api_key", "Incorrect API key"));
        JobException permanent = callFails().toJobException();
        assertThat(permanent).isInstanceOf(PermanentJobException.class);
        assertThat(permanent.errorClass()).isEqualTo("auth");
        assertThat(permanent.getCause()).isInstanceOf(LlmException.class);
    }
}
