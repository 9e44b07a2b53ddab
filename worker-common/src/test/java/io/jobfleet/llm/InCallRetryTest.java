package io.jobfleet.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class InCallRetryTest {
    @StartStop
    private final MockWebServer server = new MockWebServer();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private LlmClient client;

    @BeforeEach
    void setUp() {
        client = LlmClient.create(LlmTesting.config(LlmTesting.baseUrl(server))
                .withRetries(2, Duration.ofMillis(20)), meters);
    }

    @AfterEach
    void tearDown() {
        client.close();
    }

    private static MockResponse rateLimited(String header, String value) {
        return new MockResponse.Builder().code(429).addHeader(header, value)
                .body("{\"error\":{\"message\":\"Rate limit reached\",\"type\":\"requests\",\"code\":\"rate_limit_exceeded\"}}")
                .build();
    }

    @Test
    void shortRetryAfterIsWaitedOutWithinTheCall() throws Exception {
        server.enqueue(rateLimited("retry-after-ms", "300"));
        server.enqueue(LlmTesting.ok("fine"));

        long start = System.nanoTime();
        ChatResponse answer = client.chat(ChatRequest.user("hi"), Cancellation.NONE);

        assertThat(answer.content()).isEqualTo("fine");
        assertThat(server.getRequestCount()).isEqualTo(2);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
        assertThat(meters.get("jobfleet.llm.calls").tag("outcome", "success").counter().count()).isEqualTo(1);
    }

    @Test
    void retryAfterInSecondsIsHonoured() throws Exception {
        server.enqueue(rateLimited("Retry-After", "1"));
        server.enqueue(LlmTesting.ok("fine"));

        long start = System.nanoTime();
        assertThat(client.chat(ChatRequest.user("hi"), Cancellation.NONE).content()).isEqualTo("fine");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(1000));
    }

    @Test
    void longRetryAfterEndsTheCallWithRateLimited() {
        server.enqueue(rateLimited("Retry-After", "30"));
        server.enqueue(LlmTesting.ok("never asked"));

        LlmException e = catchThrowableOfType(LlmException.class,
                () -> client.chat(ChatRequest.user("hi"), Cancellation.NONE));

        assertThat(e.type()).isEqualTo(LlmErrorType.RATE_LIMITED);
        assertThat(e.retryAfter()).contains(Duration.ofSeconds(30));
        assertThat(e.getMessage()).isEqualTo("The AI service is rate limiting requests (it asked to wait 30 s).");
        assertThat(server.getRequestCount()).isEqualTo(1);
        assertThat(meters.get("jobfleet.llm.calls").tag("outcome", "failure").tag("type", "rate_limited")
                .counter().count()).isEqualTo(1);
    }

    @Test
    void serverErrorsAreRetriedUpToTheLimit() throws Exception {
        server.enqueue(LlmTesting.error(503, "server_error", null, "overloaded"));
        server.enqueue(LlmTesting.error(500, "server_error", null, "oops"));
        server.enqueue(LlmTesting.ok("third time lucky"));

        assertThat(client.chat(ChatRequest.user("hi"), Cancellation.NONE).content()).isEqualTo("third time lucky");
        assertThat(server.getRequestCount()).isEqualTo(3);
    }

    @Test
    void givesUpAfterTheLastRetryWithTheLastError() {
        for (int i = 0; i < 3; i++) {
            server.enqueue(LlmTesting.error(503, "server_error", null, "overloaded"));
        }
        server.enqueue(LlmTesting.ok("too late"));

        LlmException e = catchThrowableOfType(LlmException.class,
                () -> client.chat(ChatRequest.user("hi"), Cancellation.NONE));

        assertThat(e.type()).isEqualTo(LlmErrorType.OVERLOADED);
        assertThat(e.retryable()).isTrue();
        assertThat(server.getRequestCount()).isEqualTo(3);
    }

    @Test
    void permanentErrorsAreNotRetried() {
        server.enqueue(LlmTesting.error(400, "invalid_request_error", null, "bad"));
        server.enqueue(LlmTesting.ok("never asked"));

        LlmException e = catchThrowableOfType(LlmException.class,
                () -> client.chat(ChatRequest.user("hi"), Cancellation.NONE));

        assertThat(e.type()).isEqualTo(LlmErrorType.INVALID_REQUEST);
        assertThat(server.getRequestCount()).isEqualTo(1);
    }
}
