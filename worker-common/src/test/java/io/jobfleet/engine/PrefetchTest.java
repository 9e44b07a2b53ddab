package io.jobfleet.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.jobfleet.db.NewJob;
import io.jobfleet.metrics.JobMetrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.jobfleet.testing.JobsTable;
import io.jobfleet.testing.TestDatabase;
import io.jobfleet.testing.TestHandler;
import io.jobfleet.testing.TestWorkers;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A worker with {@code --prefetch} holds claimed jobs that wait for a free handler. It does not
 * claim again while they wait, but the completions of the jobs that did run are still stored
 * promptly, not at its next poll. By default ({@code --prefetch auto}) it holds claimed jobs
 * only while its jobs are short.
 */
class PrefetchTest {
    @RegisterExtension
    static final TestDatabase DB = new TestDatabase();
    private final JobsTable jobs = new JobsTable(DB);

    @Test
    void aCompletionIsStoredWhileClaimedJobsStillWaitForAHandler() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        TestHandler<JsonNode> fast = TestHandler.json("fast", (p, ctx) -> JobOutcome.done(null));
        TestHandler<JsonNode> slow = TestHandler.json("slow", (p, ctx) -> {
            release.await(1, TimeUnit.MINUTES);
            return JobOutcome.done(null);
        });
        long done = jobs.enqueue(NewJob.of("pre", "fast", "{}").withPriority(10));
        long running = jobs.enqueue(NewJob.of("pre", "slow", "{}"));
        long waiting = jobs.enqueue(NewJob.of("pre", "slow", "{}"));
        try (TestWorkers w = new TestWorkers()) {
            // one handler, two prefetched; the next poll would be a minute away
            w.start(DB.db(), TestWorkers.builder("pre").concurrency(1).prefetch(2).pollMin(Duration.ofMillis(100))
                    .pollMax(Duration.ofMinutes(1)).build(), fast, slow);

            await().atMost(Duration.ofSeconds(10)).until(() -> jobs.get(done).status().equals("completed"));

            assertThat(jobs.get(running).status()).isEqualTo("running");
            assertThat(jobs.get(waiting).status()).isEqualTo("running"); // claimed, waiting for the handler
            assertThat(release.getCount()).isEqualTo(1);
            release.countDown();
            await().atMost(Duration.ofSeconds(10)).until(() -> jobs.get(waiting).status().equals("completed"));
        }
    }

    @Test
    void byDefaultShortJobsAreHeldBeyondTheThreads() {
        insert("short", 400);
        AtomicInteger mostHeld = new AtomicInteger();
        Worker[] worker = new Worker[1];
        TestHandler<JsonNode> quick = TestHandler.json("short", (p, ctx) -> {
            mostHeld.accumulateAndGet(worker[0].prefetched(), Math::max);
            return JobOutcome.done(null);
        });
        try (TestWorkers w = new TestWorkers()) {
            worker[0] = w.build(DB.db(), TestWorkers.builder("auto-short").concurrency(1).build(), new JobMetrics(new SimpleMeterRegistry()), quick);
            worker[0].start();
            await().atMost(Duration.ofSeconds(60)).until(() -> pending("short") == 0);
        }
        // one thread: up to 3 claimed jobs wait for it (auto's bound); the observer took one of them
        assertThat(mostHeld.get()).as("claimed jobs waiting for the thread").isBetween(1, 3);
    }

    @Test
    void byDefaultSlowJobsAreNotHeldBeyondTheThreads() {
        insert("slow", 4);
        AtomicInteger mostHeld = new AtomicInteger();
        Worker[] worker = new Worker[1];
        TestHandler<JsonNode> slow = TestHandler.json("slow", (p, ctx) -> {
            mostHeld.accumulateAndGet(worker[0].prefetched(), Math::max);
            Thread.sleep(300); // the job's work, longer than the hold time: no job should wait for the thread
            return JobOutcome.done(null);
        });
        try (TestWorkers w = new TestWorkers()) {
            worker[0] = w.build(DB.db(), TestWorkers.builder("auto-slow").concurrency(1).build(), new JobMetrics(new SimpleMeterRegistry()), slow);
            worker[0].start();
            await().atMost(Duration.ofSeconds(30)).until(() -> pending("slow") == 0);
        }
        assertThat(mostHeld.get()).as("claimed jobs waiting for a thread").isZero();
    }

    private static void insert(String kind, int n) {
        DB.db().jdbi().useHandle(h -> h.execute("INSERT INTO " + DB.jobs() + " (queue, kind) SELECT 'auto-" + kind
                + "', '" + kind + "' FROM generate_series(1, " + n + ")"));
    }

    private static int pending(String kind) {
        return DB.db().jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM " + DB.jobs()
                + " WHERE queue = 'auto-" + kind + "' AND status IN ('pending', 'running')").mapTo(Integer.class).one());
    }
}
