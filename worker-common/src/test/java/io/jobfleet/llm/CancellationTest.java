package io.jobfleet.llm;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CancellationTest {
    @StartStop
    private final MockWebServer server = new MockWebServer();
    private LlmClient client;

    @BeforeEach
    void setUp() {
        // the read timeout is far longer than the test: only the cancellation can end the call
        client = LlmClient.create(LlmTesting.config(LlmTesting.baseUrl(server))
                .withTimeouts(Duration.ofSeconds(1), Duration.ofSeconds(60), Duration.ofSeconds(60))
                .withRetries(2, Duration.ofSeconds(20)), new SimpleMeterRegistry());
    }

    @AfterEach
    void tearDown() {
        client.close();
    }

    private static MockResponse slow() {
        return new MockResponse.Builder().headersDelay(30, TimeUnit.SECONDS)
                .body(LlmTesting.completionJson("late", "stop")).build();
    }

    /** Runs the call on its own thread (not a pool thread, which the interrupt test would taint). */
    private CompletableFuture<Throwable> callInBackground(Cancellation cancellation, AtomicReference<Thread> thread) {
        CompletableFuture<Throwable> outcome = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            try {
                client.chat(ChatRequest.user("slow please"), cancellation);
                outcome.complete(null);
            } catch (Throwable e) {
                outcome.complete(e);
            }
        }, "llm-test-call");
        thread.set(t);
        t.start();
        return outcome;
    }

    @Test
    void abortCancelsTheCallInFlight() throws Exception {
        server.enqueue(slow());
        AtomicReference<Runnable> abort = new AtomicReference<>();
        CompletableFuture<Throwable> outcome = callInBackground(abort::set, new AtomicReference<>());

        assertThat(server.takeRequest(5, TimeUnit.SECONDS)).as("the request reached the server").isNotNull();
        long start = System.nanoTime();
        abort.get().run();

        Throwable t = outcome.get(3, TimeUnit.SECONDS);
        assertThat(t).isInstanceOfSatisfying(LlmException.class, e -> {
            assertThat(e.type()).isEqualTo(LlmErrorType.CANCELLED);
            assertThat(e.getMessage()).isEqualTo("The AI request was cancelled.");
        });
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
    }

    @Test
    void abortEndsTheWaitBetweenRetries() throws Exception {
        server.enqueue(LlmTesting.error(503, "server_error", null, "overloaded"));
        AtomicReference<Runnable> abort = new AtomicReference<>();
        CompletableFuture<Throwable> outcome = callInBackground(abort::set, new AtomicReference<>());

        assertThat(server.takeRequest(5, TimeUnit.SECONDS)).isNotNull();
        abort.get().run();

        assertThat(outcome.get(3, TimeUnit.SECONDS)).isInstanceOfSatisfying(LlmException.class,
                e -> assertThat(e.type()).isEqualTo(LlmErrorType.CANCELLED));
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void interruptingTheCallingThreadCancelsTheCall() throws Exception {
        server.enqueue(slow());
        AtomicReference<Thread> thread = new AtomicReference<>();
        CompletableFuture<Throwable> outcome = callInBackground(Cancellation.NONE, thread);

        assertThat(server.takeRequest(5, TimeUnit.SECONDS)).isNotNull();
        thread.get().interrupt();

        assertThat(outcome.get(3, TimeUnit.SECONDS)).isInstanceOfSatisfying(LlmException.class,
                e -> assertThat(e.type()).isEqualTo(LlmErrorType.CANCELLED));
    }

    @Test
    void abortBeforeTheCallSendsNothing() {
        Throwable t = CompletableFuture.supplyAsync(() -> {
            try {
                client.chat(ChatRequest.user("x"), Runnable::run);
                return null;
            } catch (Throwable e) {
                return e;
            }
        }).join();
        assertThat(t).isInstanceOfSatisfying(LlmException.class,
                e -> assertThat(e.type()).isEqualTo(LlmErrorType.CANCELLED));
        assertThat(server.getRequestCount()).isZero();
    }
}
