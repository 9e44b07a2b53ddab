package io.jobfleet.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.jobfleet.db.JobRow;
import io.jobfleet.db.NewJob;
import io.jobfleet.metrics.JobMetrics;
import io.jobfleet.testing.JobsTable;
import io.jobfleet.testing.TestDatabase;
import io.jobfleet.testing.TestHandler;
import io.jobfleet.testing.TestWorkers;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A worker whose row was taken away cannot complete it, and its handler's writes roll back. */
class FencingTest {
    @RegisterExtension
    static final TestDatabase DB = new TestDatabase();
    private final JobsTable jobs = new JobsTable(DB);

    @BeforeAll
    static void sideTable() {
        DB.db().jdbi().useHandle(h -> h.execute("CREATE TABLE \"" + DB.config().appSchema()
                + "\".effects (job_id bigint NOT NULL)"));
    }

    @BeforeEach
    void clean() {
        DB.truncateJobs();
        DB.db().jdbi().useHandle(h -> h.execute("TRUNCATE \"" + DB.config().appSchema() + "\".effects"));
    }

    private long effects() {
        return DB.db().jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM " + DB.app("effects")).mapTo(Long.class).one());
    }

    /** A handler that waits for the test to take its row away, then tries to complete with a write. */
    private TestHandler<JsonNode> blocked(CountDownLatch started, CountDownLatch release) {
        return TestHandler.json("fenced", (p, ctx) -> {
            started.countDown();
            // not interruptible on purpose: the row is changed behind the worker's back, and the
            // heartbeat must not get a chance to tell it first
            while (!release.await(50, TimeUnit.MILLISECONDS)) {
                Thread.interrupted();
            }
            return JobOutcome.done("stale", h -> h.createUpdate("INSERT INTO " + DB.app("effects") + " VALUES (:id)")
                    .bind("id", ctx.jobId()).execute());
        });
    }

    @Test
    void attemptMovedOnCannotComplete() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        long id = jobs.enqueue(NewJob.of("fence", "fenced", "{}"));
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        try (TestWorkers w = new TestWorkers()) {
            w.start(DB.db(), TestWorkers.builder("fence").lease(Duration.ofSeconds(60))
                    .rescueInterval(Duration.ofSeconds(5)).build(),
                    new JobMetrics(meters), blocked(started, release));
            assertThat(started.await(20, TimeUnit.SECONDS)).isTrue();
            // another worker took the job over on a later attempt
            DB.db().jdbi().useHandle(h -> h.execute("UPDATE " + DB.jobs()
                    + " SET attempts = attempts + 1, locked_by = 'someone-else' WHERE id = ?", id));
            release.countDown();
            await().atMost(Duration.ofSeconds(10)).until(() ->
                    meters.find("jobfleet.completions.fenced.out").counter() != null
                    && meters.find("jobfleet.completions.fenced.out").counter().count() == 1);
        }
        JobRow row = jobs.get(id);
        assertThat(row.status()).isEqualTo("running");
        assertThat(row.lockedBy()).isEqualTo("someone-else");
        assertThat(row.result()).isNull();
        assertThat(effects()).as("the stale worker's writes rolled back").isZero();
    }

    @Test
    void statusChangedCannotComplete() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        long id = jobs.enqueue(NewJob.of("fence", "fenced", "{}"));
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        try (TestWorkers w = new TestWorkers()) {
            w.start(DB.db(), TestWorkers.builder("fence").lease(Duration.ofSeconds(60))
                    .rescueInterval(Duration.ofSeconds(5)).build(),
                    new JobMetrics(meters), blocked(started, release));
            assertThat(started.await(20, TimeUnit.SECONDS)).isTrue();
            // an operator put it back to pending (e.g. unlock --force) while the handler still runs
            DB.db().jdbi().useHandle(h -> h.execute("UPDATE " + DB.jobs()
                    + " SET status = 'failed', completed_at = now() WHERE id = ?", id));
            release.countDown();
            await().atMost(Duration.ofSeconds(10)).until(() ->
                    meters.find("jobfleet.completions.fenced.out").counter() != null);
        }
        JobRow row = jobs.get(id);
        assertThat(row.status()).isEqualTo("failed");
        assertThat(row.result()).isNull();
        assertThat(effects()).isZero();
    }

    @Test
    void fencedWritesDuringTheAttemptAreRefusedOnceTheJobIsGone() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch refused = new CountDownLatch(1);
        long id = jobs.enqueue(NewJob.of("fence", "midway", "{}"));
        TestHandler<JsonNode> midway = TestHandler.json("midway", (p, ctx) -> {
            started.countDown();
            while (!release.await(50, TimeUnit.MILLISECONDS)) {
                Thread.interrupted();
            }
            try {
                ctx.fenced(h -> h.createUpdate("INSERT INTO " + DB.app("effects") + " VALUES (:id)").bind("id", ctx.jobId()).execute());
            } catch (JobLostException e) {
                refused.countDown();
                throw e;
            }
            return JobOutcome.done(null);
        });
        try (TestWorkers w = new TestWorkers()) {
            w.start(DB.db(), TestWorkers.builder("fence").lease(Duration.ofSeconds(60))
                    .rescueInterval(Duration.ofSeconds(5)).build(), midway);
            assertThat(started.await(20, TimeUnit.SECONDS)).isTrue();
            DB.db().jdbi().useHandle(h -> h.execute("UPDATE " + DB.jobs() + " SET locked_by = 'other' WHERE id = ?", id));
            release.countDown();
            assertThat(refused.await(10, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(effects()).isZero();
    }
}
