package io.jobfleet.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.jobfleet.db.NewJob;
import io.jobfleet.testing.JobsTable;
import io.jobfleet.testing.TestDatabase;
import io.jobfleet.testing.TestHandler;
import io.jobfleet.testing.TestWorkers;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A handler's slot frees when it returns, while its completion waits for the writer. When the
 * writer cannot store (here a row lock holds its statement), the worker stops claiming once four
 * of the writer's batches of finished jobs wait, instead of claiming and running every pending job
 * meanwhile: it must never hold more attempts than its heartbeat renews in time. Once the writer
 * stores again, claiming resumes and every job runs exactly once.
 */
class UnstoredCompletionsTest {
    @RegisterExtension
    static final TestDatabase DB = new TestDatabase();
    private final JobsTable jobs = new JobsTable(DB);

    @Test
    void claimingWaitsWhileABatchOfCompletionsCannotBeStored() throws Exception {
        int quickJobs = 3_000;
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger runs = new AtomicInteger();
        TestHandler<JsonNode> gate = TestHandler.json("gate", (p, ctx) -> {
            runs.incrementAndGet();
            entered.countDown();
            release.await(1, TimeUnit.MINUTES);
            return JobOutcome.done(null);
        });
        TestHandler<JsonNode> quick = TestHandler.json("quick", (p, ctx) -> {
            runs.incrementAndGet();
            return JobOutcome.done(null);
        });
        long gated = jobs.enqueue(NewJob.of("unstored", "gate", "{}").withPriority(10));
        DB.db().jdbi().useHandle(h -> h.execute("INSERT INTO " + DB.jobs() + " (queue, kind) SELECT 'unstored', 'quick' "
                + "FROM generate_series(1, " + quickJobs + ")"));
        int concurrency = 2;
        try (TestWorkers w = new TestWorkers();
             Connection lock = DB.db().dataSource().getConnection()) {
            // the lock below holds the heartbeat too: a lease long enough that no rescue runs a job twice meanwhile
            Worker worker = w.start(DB.db(), TestWorkers.builder("unstored").concurrency(concurrency).prefetch(0)
                    .lease(Duration.ofMinutes(2)).pollMin(Duration.ofMillis(100)).pollMax(Duration.ofMinutes(1)).build(),
                    gate, quick);
            assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();

            // the gate job's completion will wait for this lock, and every completion after it for that one
            lock.setAutoCommit(false);
            try (Statement s = lock.createStatement()) {
                s.execute("SELECT id FROM " + DB.jobs() + " WHERE id = " + gated + " FOR SHARE");
            }
            release.countDown();

            await().atMost(Duration.ofSeconds(20)).until(worker::claimingHeldBackByStore);
            long held = running();
            assertThat(held).as("jobs held while completions cannot be stored")
                    .isLessThanOrEqualTo(ClaimLoop.UNSTORED_LIMIT + 2L * concurrency)
                    .isLessThan(quickJobs);

            lock.commit();
            await().atMost(Duration.ofSeconds(60)).until(() -> running() + pending() == 0);
            assertThat(worker.claimingHeldBackByStore()).isFalse();
        }
        assertThat(runs).as("handler runs").hasValue(quickJobs + 1);
        assertThat(jobs.get(gated).status()).isEqualTo("completed");
    }

    private static long running() {
        return count("running");
    }

    private static long pending() {
        return count("pending");
    }

    private static long count(String status) {
        return DB.db().jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM " + DB.jobs()
                + " WHERE queue = 'unstored' AND status = '" + status + "'").mapTo(Long.class).one());
    }
}
