package io.jobfleet.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jobfleet.daemon.FleetBuckets;
import io.jobfleet.db.FlowControlSql;
import io.jobfleet.db.FlowControlSql.RateLimit;
import io.jobfleet.engine.JobException;
import io.jobfleet.engine.SnoozeJobException;
import io.jobfleet.testing.TestDatabase;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The LLM client's limits are fleet-wide: two clients (two worker processes) share one provider's
 * requests and tokens buckets in PostgreSQL, and a rate limit snoozes the job instead of spending
 * an attempt.
 */
class FleetLimitsTest {
    @RegisterExtension
    static final TestDatabase DB = new TestDatabase();
    private final MockWebServer server = new MockWebServer();
    private final FlowControlSql flow = DB.db().admin().flow();

    @BeforeEach
    void start() throws Exception {
        server.start();
        DB.db().jdbi().useHandle(h -> h.execute("DELETE FROM " + DB.table("rate_limits")));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private LlmClient client(LlmConfig config, String worker) {
        return LlmClient.create(config, new SimpleMeterRegistry(), new FleetBuckets(DB.db().rates(), worker));
    }

    private LlmConfig config(int rpm, long tpm) {
        return LlmTesting.config(LlmTesting.baseUrl(server)).withLimits(new LlmConfig.Limits("test", rpm, tpm));
    }

    private RateLimit bucket(String name) {
        return flow.rateLimits(name).stream().filter(r -> r.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void twoProcessesShareTheRequestsPerMinuteOfTheirFlag() throws Exception {
        for (int i = 0; i < 10; i++) {
            server.enqueue(LlmTesting.ok("hello"));
        }
        try (LlmClient first = client(config(4, 0), "worker-1"); LlmClient second = client(config(4, 0), "worker-2")) {
            first.defineFleetLimits();
            second.defineFleetLimits();
            ChatRequest request = ChatRequest.of("system", "user");
            first.chat(request, null);
            second.chat(request, null);
            first.chat(request, null);
            second.chat(request, null);
            // four a minute between them: the fifth request would wait 15 s, longer than a call waits
            LlmException limited = org.junit.jupiter.api.Assertions.assertThrows(LlmException.class,
                    () -> first.chat(request, null));
            assertThat(limited.type()).isEqualTo(LlmErrorType.RATE_LIMITED);
            assertThat(limited.retryAfter()).get().satisfies(d -> assertThat(d).isBetween(
                    Duration.ofSeconds(10), Duration.ofSeconds(15)));
            assertThat(limited.knownUsage()).contains(Usage.NONE); // never sent
            // and the job sleeps until then, keeping its attempt
            JobException asJob = limited.toJobException();
            assertThat(asJob).isInstanceOf(SnoozeJobException.class);
            assertThat(((SnoozeJobException) asJob).delayFrom(Instant.now())).isEqualTo(limited.retryAfter().get());
        }
        assertThat(server.getRequestCount()).isEqualTo(4);
        assertThat(bucket("llm:test:requests").permits()).isEqualTo(4);
    }

    @Test
    void anOperatorsBucketWinsOverAWorkersFlag() {
        flow.setRateLimit("llm:test:requests", 100, 60, 100, "operator");
        try (LlmClient c = client(config(4, 0), "worker-1")) {
            c.defineFleetLimits();
        }
        assertThat(bucket("llm:test:requests").permits()).isEqualTo(100);
        assertThat(bucket("llm:test:requests").setBy()).isEqualTo("operator");
    }

    @Test
    void aCallReservesItsEstimatedTokensAndSettlesThemWithTheUsage() throws Exception {
        server.enqueue(LlmTesting.ok("hello")); // reports 18 tokens used
        try (LlmClient c = client(config(0, 10_000), "worker-1")) {
            c.defineFleetLimits();
            c.chat(ChatRequest.of("system", "user").withMaxTokens(500), null);
        }
        // the reservation (over 500 tokens) came back but for the 18 used
        assertThat(bucket("llm:test:tokens").tokens()).isBetween(10_000.0 - 18 - 1, 10_000.0);
    }

    @Test
    void aCallLargerThanTheWholeBucketPassesWhenItIsFullAndLeavesADebt() throws Exception {
        server.enqueue(LlmTesting.ok("hello"));
        server.enqueue(LlmTesting.ok("hello"));
        try (LlmClient c = client(config(0, 50), "worker-1")) {
            c.defineFleetLimits();
            ChatRequest big = ChatRequest.of("system", "user").withMaxTokens(5_000);
            c.chat(big, null); // 18 tokens used: the estimate is settled, the bucket refills
            assertThatThrownBy(() -> c.chat(big, null)).isInstanceOf(LlmException.class)
                    .satisfies(e -> assertThat(((LlmException) e).type()).isEqualTo(LlmErrorType.RATE_LIMITED));
        }
        assertThat(server.getRequestCount()).isEqualTo(1);
    }

    @Test
    void theProvidersTooManyRequestsSnoozesTheJob() {
        server.enqueue(new MockResponse.Builder().code(429).addHeader("Retry-After", "120")
                .addHeader("Content-Type", "application/json").body("{\"error\": {\"message\": \"slow down\"}}").build());
        try (LlmClient c = client(config(0, 0), "worker-1")) {
            LlmException e = org.junit.jupiter.api.Assertions.assertThrows(LlmException.class,
                    () -> c.chat(ChatRequest.of("system", "user"), null));
            JobException asJob = e.toJobException();
            assertThat(asJob).isInstanceOf(SnoozeJobException.class);
            assertThat(((SnoozeJobException) asJob).delayFrom(Instant.now())).isEqualTo(Duration.ofSeconds(120));
        }
    }
}
