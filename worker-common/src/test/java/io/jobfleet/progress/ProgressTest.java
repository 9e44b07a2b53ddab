package io.jobfleet.progress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.jobfleet.db.JobRow;
import io.jobfleet.db.NewJob;
import io.jobfleet.engine.JobLostException;
import io.jobfleet.engine.JobOutcome;
import io.jobfleet.engine.Payloads;
import io.jobfleet.metrics.JobMetrics;
import io.jobfleet.testing.JobsTable;
import io.jobfleet.testing.TestClock;
import io.jobfleet.testing.TestDatabase;
import io.jobfleet.testing.TestHandler;
import io.jobfleet.testing.TestWorkers;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** JobContext.progress: coalesced, fenced, visible while the job runs and after it completed. */
class ProgressTest {
    @RegisterExtension
    static final TestDatabase DB = new TestDatabase();
    private final JobsTable jobs = new JobsTable(DB);

    @BeforeEach
    void clean() {
        DB.truncateJobs();
    }

    private static double written(SimpleMeterRegistry meters, String outcome) {
        Counter c = meters.find("jobfleet.progress.updates").tag("outcome", outcome).counter();
        return c == null ? 0 : c.count();
    }

    @Test
    void manyReportsMakeFewWritesAndTheLastOneIsShownAfterCompletion() {
        long id = jobs.enqueue(NewJob.of("progress", "count", "{}"));
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        TestClock clock = new TestClock(); // stands still for the coalescing: no second passes
        TestHandler<JsonNode> counting = TestHandler.json("count", (p, ctx) -> {
            for (int i = 1; i <= 1000; i++) {
                ctx.progress(i, 1000, "items");
            }
            return JobOutcome.done("counted");
        });
        try (TestWorkers w = new TestWorkers()) {
            w.start(DB.db(), TestWorkers.config("progress"), new JobMetrics(meters), clock, counting);
            jobs.awaitFinished(id);
        }
        JobRow row = jobs.get(id);
        assertThat(row.status()).isEqualTo("completed");
        JsonNode progress = Payloads.tree(row.progress());
        assertThat(progress.path("done").asLong()).isEqualTo(1000);
        assertThat(progress.path("total").asLong()).isEqualTo(1000);
        assertThat(progress.path("stage").asText()).isEqualTo("items");
        assertThat(progress.hasNonNull("at")).isTrue();
        assertThat(written(meters, "written")).as("1000 reports within one second: the first and the last at most")
                .isBetween(1.0, 2.0);
    }

    @Test
    void progressOfARunningJobIsVisibleWhileItRuns() throws Exception {
        long id = jobs.enqueue(NewJob.of("progress", "slow", "{}"));
        CountDownLatch release = new CountDownLatch(1);
        TestHandler<JsonNode> slow = TestHandler.json("slow", (p, ctx) -> {
            ctx.progress(3, 12, "pages");
            release.await(30, TimeUnit.SECONDS);
            return JobOutcome.done(null);
        });
        try (TestWorkers w = new TestWorkers()) {
            w.start(DB.db(), TestWorkers.config("progress"), slow);
            await().atMost(Duration.ofSeconds(2)).pollInterval(Duration.ofMillis(50)).until(() ->
                    Payloads.tree(jobs.get(id).progress()).path("done").asLong() == 3);
            assertThat(jobs.get(id).status()).isEqualTo("running");
            assertThat(Payloads.tree(jobs.get(id).progress()).path("total").asLong()).isEqualTo(12);
            release.countDown();
            jobs.awaitFinished(id);
        }
    }

    @Test
    void anAttemptThatLostTheJobWritesNoProgressAndNoCheckpoint() throws Exception {
        long id = jobs.enqueue(NewJob.of("progress", "stale", "{}"));
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch stolen = new CountDownLatch(1);
        AtomicReference<Throwable> checkpointError = new AtomicReference<>();
        CountDownLatch done = new CountDownLatch(1);
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        TestHandler<JsonNode> stale = TestHandler.json("stale", (p, ctx) -> {
            started.countDown();
            // not interruptible on purpose: the claim changes behind the worker's back, and the
            // heartbeat must not get a chance to tell it first
            while (!stolen.await(50, TimeUnit.MILLISECONDS)) {
                Thread.interrupted();
            }
            ctx.progress(5, 10, "chunks");
            try {
                ctx.checkpoint("chunk-0", Payloads.tree("{\"answer\": 1}"));
            } catch (JobLostException e) {
                checkpointError.set(e);
            }
            done.countDown();
            return JobOutcome.done("stale");
        });
        try (TestWorkers w = new TestWorkers()) {
            w.start(DB.db(), TestWorkers.builder("progress").lease(Duration.ofSeconds(60)).build(),
                    new JobMetrics(meters), stale);
            assertThat(started.await(20, TimeUnit.SECONDS)).isTrue();
            // another worker claimed the job again: a new claim token, a new attempt
            DB.db().jdbi().useHandle(h -> h.execute("UPDATE " + DB.jobs() + " SET attempts = attempts + 1, "
                    + "claim_token = claim_token + 1000000, locked_by = 'someone-else' WHERE id = ?", id));
            stolen.countDown();
            assertThat(done.await(20, TimeUnit.SECONDS)).isTrue();
            await().atMost(Duration.ofSeconds(10)).until(() ->
                    meters.find("jobfleet.completions.fenced.out").counter() != null);
        }
        assertThat(checkpointError.get()).isInstanceOf(JobLostException.class);
        JobRow row = jobs.get(id);
        assertThat(row.status()).isEqualTo("running");
        assertThat(row.progress()).as("the stale attempt's progress was fenced out").isNull();
        assertThat(written(meters, "written")).isZero();
        assertThat(jobs.checkpointCount()).as("the stale attempt saved no checkpoint").isZero();
    }
}
