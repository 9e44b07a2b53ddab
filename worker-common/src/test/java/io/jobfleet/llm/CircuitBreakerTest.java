package io.jobfleet.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import io.jobfleet.engine.JobException;
import io.jobfleet.engine.SnoozeJobException;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CircuitBreakerTest {
    private static final Duration OPEN_WAIT = Duration.ofMillis(800);

    @StartStop
    private final MockWebServer server = new MockWebServer();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private LlmClient client;

    @BeforeEach
    void setUp() {
        client = LlmClient.create(LlmTesting.config(LlmTesting.baseUrl(server))
                .withBreaker(new LlmConfig.Breaker(50, 4, 4, OPEN_WAIT, 1)), meters);
    }

    @AfterEach
    void tearDown() {
        client.close();
    }

    private LlmException fails() {
        return catchThrowableOfType(LlmException.class, () -> client.chat(ChatRequest.user("hi"), Cancellation.NONE));
    }

    private double breakerState(String state) {
        return meters.get("resilience4j.circuitbreaker.state").tag("state", state).gauge().value();
    }

    @Test
    void opensOnServerFailuresThenRecoversThroughHalfOpen() throws Exception {
        assertThat(client.unavailableBecause()).isNull();
        for (int i = 0; i < 4; i++) {
            server.enqueue(LlmTesting.error(503, "server_error", null, "overloaded"));
        }
        for (int i = 0; i < 4; i++) {
            assertThat(fails().type()).isEqualTo(LlmErrorType.OVERLOADED);
        }

        LlmException rejected = fails();
        assertThat(rejected.type()).isEqualTo(LlmErrorType.CIRCUIT_OPEN);
        assertThat(rejected.retryable()).isTrue();
        assertThat(rejected.retryAfter()).hasValueSatisfying(d -> assertThat(d).isLessThanOrEqualTo(OPEN_WAIT));
        assertThat(server.getRequestCount()).as("an open breaker sends nothing").isEqualTo(4);
        JobException asJob = rejected.toJobException();
        assertThat(asJob).as("a refused call spends no attempt: the job waits out the breaker")
                .isInstanceOf(SnoozeJobException.class);
        assertThat(((SnoozeJobException) asJob).delayFrom(Instant.now())).isPositive()
                .isLessThanOrEqualTo(OPEN_WAIT);
        assertThat(client.unavailableBecause())
                .startsWith("LLM endpoint " + client.endpoint() + " circuit breaker open after 4 failures; retrying in");
        assertThat(client.claimGate().closedBecause()).isEqualTo(client.unavailableBecause());
        assertThat(breakerState("open")).isEqualTo(1.0);

        await().atMost(Duration.ofSeconds(5)).until(() -> client.unavailableBecause() == null);

        server.enqueue(LlmTesting.ok("back"));
        assertThat(client.chat(ChatRequest.user("hi"), Cancellation.NONE).content()).isEqualTo("back");
        assertThat(breakerState("closed")).isEqualTo(1.0);
        assertThat(client.unavailableBecause()).isNull();
    }

    @Test
    void failedTrialCallReopensTheBreaker() {
        for (int i = 0; i < 5; i++) {
            server.enqueue(LlmTesting.error(500, "server_error", null, "down"));
        }
        for (int i = 0; i < 4; i++) {
            fails();
        }
        assertThat(client.unavailableBecause()).isNotNull();
        await().atMost(Duration.ofSeconds(5)).until(() -> client.unavailableBecause() == null);

        assertThat(fails().type()).isEqualTo(LlmErrorType.OVERLOADED);

        assertThat(client.unavailableBecause()).contains("circuit breaker open");
        assertThat(fails().type()).isEqualTo(LlmErrorType.CIRCUIT_OPEN);
        assertThat(server.getRequestCount()).isEqualTo(5);
    }

    @Test
    void clientErrorsDoNotOpenTheBreaker() {
        for (int i = 0; i < 6; i++) {
            server.enqueue(LlmTesting.error(401, "invalid_request_error", "invalid_api_key", "bad key"));
        }
        for (int i = 0; i < 6; i++) {
            assertThat(fails().type()).isEqualTo(LlmErrorType.AUTH);
        }
        assertThat(client.unavailableBecause()).isNull();
        assertThat(server.getRequestCount()).isEqualTo(6);
    }
}
