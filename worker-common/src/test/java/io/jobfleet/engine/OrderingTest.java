package io.jobfleet.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.jobfleet.db.JobRow;
import io.jobfleet.db.NewJob;
import io.jobfleet.testing.JobsTable;
import io.jobfleet.testing.TestClock;
import io.jobfleet.testing.TestDatabase;
import io.jobfleet.testing.TestHandler;
import io.jobfleet.testing.TestWorkers;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class OrderingTest {
    @RegisterExtension
    static final TestDatabase DB = new TestDatabase();
    private final JobsTable jobs = new JobsTable(DB);

    @BeforeEach
    void clean() {
        DB.truncateJobs();
    }

    @Test
    void higherPriorityRunsFirstThenOlderFirst() {
        List<String> order = new CopyOnWriteArrayList<>();
        TestHandler<JsonNode> h = TestHandler.json("order", (p, ctx) -> {
            order.add(p.get("name").asText());
            return JobOutcome.done(null);
        });
        jobs.enqueue(NewJob.of("ord", "order", "{\"name\":\"low-1\"}").withPriority(-5));
        jobs.enqueue(NewJob.of("ord", "order", "{\"name\":\"mid-1\"}"));
        jobs.enqueue(NewJob.of("ord", "order", "{\"name\":\"high-1\"}").withPriority(10));
        jobs.enqueue(NewJob.of("ord", "order", "{\"name\":\"mid-2\"}"));
        jobs.enqueue(NewJob.of("ord", "order", "{\"name\":\"high-2\"}").withPriority(10));
        try (TestWorkers w = new TestWorkers()) {
            w.start(DB.db(), TestWorkers.builder("ord").concurrency(1).build(), h);
            await().atMost(Duration.ofSeconds(20)).until(() -> order.size() == 5);
        }
        assertThat(order).containsExactly("high-1", "high-2", "mid-1", "mid-2", "low-1");
    }

    @Test
    void aJobScheduledInTheFutureIsNotClaimedEarly() {
        List<Long> ran = new CopyOnWriteArrayList<>();
        Map<Long, Instant> startedOnTheClock = new ConcurrentHashMap<>();
        TestClock clock = new TestClock();
        TestHandler<JsonNode> h = TestHandler.json("later", (p, ctx) -> {
            startedOnTheClock.put(ctx.jobId(), clock.instant());
            ran.add(ctx.jobId());
            return JobOutcome.done(null);
        });
        // due in ten minutes on the worker's clock, which the test moves: no real time passes
        Duration delay = Duration.ofMinutes(10);
        long later = jobs.enqueue(NewJob.of("sched", "later", "{}").withDelay(delay).withPriority(100));
        long now = jobs.enqueue(NewJob.of("sched", "later", "{}"));
        try (TestWorkers w = new TestWorkers()) {
            // a lease longer than the jump of the clock: the jump must not run out a held job's lease
            w.start(DB.db(), TestWorkers.builder("sched").concurrency(4).lease(delay.multipliedBy(3)).build(), clock, h);
            // the claim that took the due job passed over the later one, of higher priority
            await().atMost(Duration.ofSeconds(20)).until(() -> jobs.get(now).status().equals("completed"));
            assertThat(ran).containsExactly(now);
            clock.advance(delay);
            await().atMost(Duration.ofSeconds(20)).until(() -> ran.size() == 2);
        }
        assertThat(ran).containsExactly(now, later);
        JobRow row = jobs.get(later);
        assertThat(startedOnTheClock.get(later)).isAfterOrEqualTo(row.scheduledAt());
        assertThat(Duration.between(row.createdAt(), startedOnTheClock.get(later)))
                .isGreaterThanOrEqualTo(delay.minusMillis(100));
    }
}
