package io.jobfleet.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.jobfleet.config.EngineConfig;
import io.jobfleet.db.FlowControlSql;
import io.jobfleet.db.JobRow;
import io.jobfleet.db.NewJob;
import io.jobfleet.engine.JobOutcome;
import io.jobfleet.engine.Worker;
import io.jobfleet.testing.JobsTable;
import io.jobfleet.testing.TestClock;
import io.jobfleet.testing.TestDatabase;
import io.jobfleet.testing.TestHandler;
import io.jobfleet.testing.TestWorkers;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A pause stored in the database holds for every worker at its next claim; resume wakes them
 * through NOTIFY; a pause with an end lifts itself; paused jobs keep their attempts.
 */
class PauseResumeTest {
    @RegisterExtension
    static final TestDatabase DB = new TestDatabase();
    private final JobsTable jobs = new JobsTable(DB);
    private final FlowControlSql flow = DB.db().admin().flow();

    @BeforeEach
    void clean() {
        DB.truncateJobs();
        DB.db().jdbi().useHandle(h -> h.execute("DELETE FROM \"" + DB.config().schema() + "\".pauses"));
    }

    @Test
    void pauseStopsEveryWorkerAtItsNextClaimAndResumeWakesThemAtOnce() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger started = new AtomicInteger();
        AtomicLong firstStartAfterResume = new AtomicLong();
        AtomicLong resumedAt = new AtomicLong(Long.MAX_VALUE);
        TestHandler<?> handler = TestHandler.json("k", (p, c) -> {
            started.incrementAndGet();
            if (System.nanoTime() > resumedAt.get()) {
                firstStartAfterResume.compareAndSet(0, System.nanoTime());
            }
            release.await(30, TimeUnit.SECONDS);
            return JobOutcome.done(null);
        });
        // polls far apart: only NOTIFY can start a job within 100 ms of the resume
        EngineConfig config = TestWorkers.builder("p").concurrency(2).prefetch(0)
                .pollMin(Duration.ofSeconds(20)).pollMax(Duration.ofSeconds(20)).build();
        try (TestWorkers w = new TestWorkers()) {
            Worker[] workers = {w.start(DB.db(), config, handler), w.start(DB.db(), config, handler),
                                w.start(DB.db(), config, handler)};
            for (Worker worker : workers) {
                await().atMost(Duration.ofSeconds(10)).until(worker::listening);
            }
            for (int i = 0; i < 30; i++) {
                jobs.enqueue("p", "k", "{}");
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> jobs.count("running") == 6);

            flow.pause("p", null, "incident 42", "test", null);
            release.countDown(); // every worker finishes its jobs and claims again at once: nothing
            await().atMost(Duration.ofSeconds(10)).until(() -> jobs.count("completed") == 6);
            await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(3))
                    .until(() -> jobs.count("running") == 0 && started.get() == 6);
            assertThat(jobs.all()).filteredOn(j -> j.status().equals("pending"))
                    .hasSize(24).allSatisfy(j -> assertThat(j.attempts()).isZero());

            resumedAt.set(System.nanoTime());
            assertThat(flow.resume("p", null)).hasSize(1);
            long committed = System.nanoTime();
            await().atMost(Duration.ofSeconds(5)).until(() -> firstStartAfterResume.get() != 0);
            Duration latency = Duration.ofNanos(firstStartAfterResume.get() - committed);
            System.out.printf("resume commit to next job start: %.1f ms%n", latency.toNanos() / 1e6);
            assertThat(latency).isLessThan(Duration.ofMillis(100));
            await().atMost(Duration.ofSeconds(20)).until(() -> jobs.count("completed") == 30);
            assertThat(jobs.all()).allSatisfy(j -> assertThat(j.attempts()).isEqualTo(1));
        }
    }

    @Test
    void pausingOneKindLeavesTheQueuesOtherKindsRunning() {
        flow.pause("mixed", "slow", "provider down", "test", null);
        long slow = jobs.enqueue("mixed", "slow", "{}");
        long fast = jobs.enqueue("mixed", "fast", "{}");
        try (TestWorkers w = new TestWorkers()) {
            TestHandler<?> done = TestHandler.json("slow", (p, c) -> JobOutcome.done(null));
            w.start(DB.db(), TestWorkers.config("mixed"), done,
                    TestHandler.json("fast", (p, c) -> JobOutcome.done(null)));
            await().atMost(Duration.ofSeconds(10)).until(() -> jobs.get(fast).status().equals("completed"));
            await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2))
                    .until(() -> jobs.get(slow).status().equals("pending"));
            assertThat(jobs.get(slow).attempts()).isZero();

            flow.resume("mixed", "slow");
            await().atMost(Duration.ofSeconds(10)).until(() -> jobs.get(slow).status().equals("completed"));
        }
    }

    @Test
    void aPauseWithAnEndLiftsItselfWhenTheEndPasses() {
        TestClock clock = new TestClock();
        FlowControlSql.Pause p = flow.pause("timed", null, "deploy", "test", Duration.ofMinutes(30));
        assertThat(p.until()).isAfter(p.pausedAt().plus(Duration.ofMinutes(29)));
        long id = jobs.enqueue(NewJob.of("timed", "k", "{}"));
        try (TestWorkers w = new TestWorkers()) {
            w.start(DB.db(), TestWorkers.config("timed"), clock, TestHandler.json("k", (x, c) -> JobOutcome.done(null)));
            await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2))
                    .until(() -> jobs.get(id).status().equals("pending"));

            clock.advance(Duration.ofMinutes(31));

            await().atMost(Duration.ofSeconds(10)).until(() -> jobs.get(id).status().equals("completed"));
            JobRow row = jobs.get(id);
            assertThat(row.attempts()).isEqualTo(1);
            assertThat(flow.pauses("timed")).as("an ended pause stays stored until resumed").hasSize(1);
        }
    }
}
