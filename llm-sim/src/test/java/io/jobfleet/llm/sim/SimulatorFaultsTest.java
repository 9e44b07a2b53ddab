package io.jobfleet.llm.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import io.jobfleet.llm.Cancellation;
import io.jobfleet.llm.ChatRequest;
import io.jobfleet.llm.LlmClient;
import io.jobfleet.llm.LlmErrorType;
import io.jobfleet.llm.LlmException;
import io.jobfleet.llm.ResponseSchema;
import io.jobfleet.llm.sim.testing.SimulatedLlm;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SimulatorFaultsTest {
    private static final ResponseSchema CARDS = ResponseSchema.parse("cards", """
            {"type":"object","required":["cards"],
             "properties":{"cards":{"type":"array","items":{"type":"object","required":["front","back"],
               "properties":{"front":{"type":"string"},"back":{"type":"string"}}}}}}
            """);

    private final LlmSimulator sim = new LlmSimulator(SimulatorConfig.ephemeral()).start();
    private final LlmClient client = LlmClient.create(SimulatedLlm.clientConfig(sim.baseUrl()), new SimpleMeterRegistry());

    @AfterEach
    void tearDown() {
        client.close();
        sim.close();
    }

    private LlmException fails(ChatRequest request) {
        return catchThrowableOfType(LlmException.class, () -> client.chat(request, Cancellation.NONE));
    }

    @ParameterizedTest(name = "[sim:error={0}] -> {1}")
    @CsvSource({
        "429, RATE_LIMITED", "500, OVERLOADED", "503, OVERLOADED", "401, AUTH", "400, INVALID_REQUEST",
        "context_length, CONTEXT_TOO_LONG", "content_filter, CONTENT_FILTERED",
        "insufficient_quota, QUOTA_EXCEEDED", "504, TIMEOUT", "bogus, INVALID_REQUEST"})
    void errorMarkersProduceTheMatchingErrorType(String marker, LlmErrorType expected) {
        LlmException e = fails(ChatRequest.user("Summarize this. [sim:error=" + marker + "]"));
        assertThat(e.type()).isEqualTo(expected);
        if (expected == LlmErrorType.RATE_LIMITED) {
            assertThat(e.retryAfter()).contains(Duration.ofSeconds(1));
        }
    }

    @Test
    void markersAreStrippedFromAnswers() throws Exception {
        String content = client.chat(ChatRequest.user("[sim:delay=1] Hello there."), Cancellation.NONE).content();
        assertThat(content).startsWith("Simulated answer: Hello there.").doesNotContain("[sim:");
    }

    @Test
    void malformedMarkersBreakStructuredAnswers() {
        for (String marker : List.of("[sim:malformed]", "[sim:malformed=schema]")) {
            LlmException e = catchThrowableOfType(LlmException.class, () -> client.chatStructured(
                    ChatRequest.user("Make flashcards. Rust is a language. " + marker), CARDS, JsonNode.class, Cancellation.NONE));
            assertThat(e.type()).as(marker).isEqualTo(LlmErrorType.MALFORMED_OUTPUT);
        }
    }

    @Test
    void failFirstFailsIdenticalRequestsThenSucceeds() throws Exception {
        ChatRequest request = ChatRequest.user("Flaky request [sim:fail-first=2]");
        try (LlmClient patient = LlmClient.create(
                SimulatedLlm.clientConfig(sim.baseUrl()).withRetries(2, Duration.ofMillis(10)), new SimpleMeterRegistry())) {
            assertThat(patient.chat(request, Cancellation.NONE).content()).startsWith("Simulated answer: Flaky request");
            assertThat(sim.requestCount()).isEqualTo(3);
            patient.chat(request, Cancellation.NONE);
            assertThat(sim.requestCount()).as("later identical requests pass at once").isEqualTo(4);
        }
        assertThat(fails(ChatRequest.user("Another flaky one [sim:fail-first=1]")).type())
                .isEqualTo(LlmErrorType.OVERLOADED);
    }

    @Test
    void delayMarkerSlowsTheAnswerAndCanBeCancelled() throws Exception {
        long start = System.nanoTime();
        client.chat(ChatRequest.user("Wait a bit [sim:delay=300]"), Cancellation.NONE);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(300));

        AtomicReference<Runnable> abort = new AtomicReference<>();
        long before = sim.requestCount();
        CompletableFuture<Throwable> outcome = new CompletableFuture<>();
        Thread t = new Thread(() -> outcome.complete(catchThrowableOfType(LlmException.class,
                () -> client.chat(ChatRequest.user("Very slow [sim:delay=30000]"), abort::set))));
        t.setName("sim-cancel-test");
        t.start();
        // abort once the request is at the simulator, sleeping
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> sim.requestCount() > before);
        long aborted = System.nanoTime();
        abort.get().run();
        assertThat(outcome.get(3, TimeUnit.SECONDS)).isInstanceOfSatisfying(LlmException.class,
                e -> assertThat(e.type()).isEqualTo(LlmErrorType.CANCELLED));
        assertThat(Duration.ofNanos(System.nanoTime() - aborted)).isLessThan(Duration.ofSeconds(2));
    }

    private static List<String> outcomes(long seed, int requests) throws Exception {
        SimulatorConfig config = SimulatorConfig.ephemeral().withFaults(0.5, seed, Duration.ofMillis(50));
        OkHttpClient http = new OkHttpClient();
        List<String> out = new ArrayList<>();
        try (LlmSimulator faulty = new LlmSimulator(config).start()) {
            for (int i = 0; i < requests; i++) {
                String body = "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"request " + i + "\"}]}";
                Request request = new Request.Builder().url(faulty.baseUrl() + "/chat/completions")
                        .post(RequestBody.create(body, MediaType.get("application/json"))).build();
                try (Response r = http.newCall(request).execute()) {
                    out.add(r.code() + (r.code() == 429 ? " retry-after=" + r.header("Retry-After") : ""));
                }
            }
        }
        return out;
    }

    @Test
    void randomFaultsAreReproducibleWithASeed() throws Exception {
        List<String> first = outcomes(7, 30);
        assertThat(outcomes(7, 30)).isEqualTo(first);
        assertThat(outcomes(8, 30)).isNotEqualTo(first);
        assertThat(first).contains("200").anySatisfy(s -> assertThat(s).matches("429 retry-after=1|500|503"));
        assertThat(first.stream().filter("200"::equals).count()).isBetween(8L, 25L);
    }
}
