package io.jobfleet.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.jobfleet.db.JobRow;
import io.jobfleet.db.NewJob;
import io.jobfleet.retry.RetryPolicy;
import io.jobfleet.testing.JobsTable;
import io.jobfleet.testing.TestClock;
import io.jobfleet.testing.TestDatabase;
import io.jobfleet.testing.TestHandler;
import io.jobfleet.testing.TestWorkers;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.Random;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class BackoffTest {
    @RegisterExtension
    static final TestDatabase DB = new TestDatabase();

    private final RetryPolicy policy = new RetryPolicy(Duration.ofSeconds(5), Duration.ofMinutes(10), new Random(42));

    @Test
    void boundDoublesPerAttemptUpToTheMaximum() {
        assertThat(policy.bound(1)).isEqualTo(Duration.ofSeconds(5));
        assertThat(policy.bound(2)).isEqualTo(Duration.ofSeconds(10));
        assertThat(policy.bound(3)).isEqualTo(Duration.ofSeconds(20));
        assertThat(policy.bound(7)).isEqualTo(Duration.ofSeconds(320));
        assertThat(policy.bound(8)).isEqualTo(Duration.ofMinutes(10));
        assertThat(policy.bound(1000)).isEqualTo(Duration.ofMinutes(10));
    }

    @Test
    void delaysStayWithinTheirJitterBoundsAndGrowExponentiallyOnAverage() {
        double previousMean = 0;
        for (int attempt = 1; attempt <= 6; attempt++) {
            int a = attempt;
            long[] samples = LongStream.range(0, 4000).map(i -> policy.delay(a, Optional.empty()).toMillis()).toArray();
            long bound = policy.bound(attempt).toMillis();
            assertThat(LongStream.of(samples).min().orElseThrow()).isGreaterThanOrEqualTo(0L);
            assertThat(LongStream.of(samples).max().orElseThrow()).isLessThanOrEqualTo(bound);
            double mean = LongStream.of(samples).average().orElseThrow();
            // full jitter: uniform on [0, bound], so the mean is bound/2 (within 5 %)
            assertThat(mean).isBetween(bound / 2.0 * 0.95, bound / 2.0 * 1.05);
            if (attempt > 1) {
                assertThat(mean / previousMean).isBetween(1.8, 2.2);
            }
            previousMean = mean;
        }
    }

    @Test
    void retryAfterIsAFloor() {
        for (int i = 0; i < 200; i++) {
            assertThat(policy.delay(1, Optional.of(Duration.ofSeconds(30)))).isGreaterThanOrEqualTo(Duration.ofSeconds(30));
        }
    }

    @Test
    void retriedRowsAreScheduledWithinTheBackoffBound() {
        JobsTable jobs = new JobsTable(DB);
        TestHandler<JsonNode> flaky = TestHandler.json("flaky", (p, ctx) -> {
            throw new RetryableJobException("upstream", "upstream unavailable (attempt " + ctx.attempt() + ")");
        });
        long id = jobs.enqueue(NewJob.of("backoff", "flaky", "{}").withMaxAttempts(4));
        // delays of seconds to minutes, as in production: they pass on the worker's clock, which the test moves
        Duration base = Duration.ofSeconds(30);
        Duration max = Duration.ofMinutes(10);
        RetryPolicy bounds = new RetryPolicy(base, max, new Random());
        TestClock clock = new TestClock();
        try (TestWorkers w = new TestWorkers()) {
            w.start(DB.db(), TestWorkers.builder("backoff").retryBase(base).retryMax(max).build(), clock, flaky);
            for (int attempt = 1; attempt <= 3; attempt++) {
                int a = attempt;
                // waiting for its retry (or, with a jitter of next to nothing, past it already)
                await().atMost(Duration.ofSeconds(10)).until(() -> {
                    JobRow r = jobs.get(id);
                    return r.attempts() > a || r.attempts() == a && !r.status().equals("running");
                });
                clock.advance(bounds.bound(attempt)); // the longest delay this retry may have been given
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> jobs.get(id).status().equals("failed"));
        }
        JobRow row = jobs.get(id);
        assertThat(row.attempts()).isEqualTo(4);
        JsonNode errors = Payloads.tree(row.errors());
        assertThat(errors).hasSize(4).allSatisfy(e -> assertThat(e.get("class").asText()).isEqualTo("upstream"));
        assertThat(row.lastError()).isEqualTo("upstream unavailable (attempt 4) (gave up after 4 attempts)");
        for (int i = 0; i < 3; i++) {
            JsonNode e = errors.get(i);
            OffsetDateTime at = OffsetDateTime.parse(e.get("at").asText());
            OffsetDateTime retryAt = OffsetDateTime.parse(e.get("retry_at").asText());
            assertThat(Duration.between(at, retryAt)).as("delay after attempt %d", i + 1)
                    .isBetween(Duration.ZERO, bounds.bound(i + 1));
            OffsetDateTime nextAt = OffsetDateTime.parse(errors.get(i + 1).get("at").asText());
            assertThat(nextAt).as("attempt %d ran only once its retry was due", i + 2).isAfterOrEqualTo(retryAt);
        }
        assertThat(errors.get(3).get("retry_at").isNull()).as("no retry after the last attempt").isTrue();
    }
}
