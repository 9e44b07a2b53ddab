package io.jobfleet.lease;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.jobfleet.config.EngineConfig;
import io.jobfleet.db.BatchProgress;
import io.jobfleet.db.ClaimedJob;
import io.jobfleet.db.NewJob;
import io.jobfleet.db.UnlockSql;
import io.jobfleet.engine.JobOutcome;
import io.jobfleet.testing.JobsTable;
import io.jobfleet.testing.TestClock;
import io.jobfleet.testing.TestDatabase;
import io.jobfleet.testing.TestHandler;
import io.jobfleet.testing.TestWorkers;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every way a job ends runs its family's failure writes: the app's row never stays PROCESSING
 * after a cancel of a running job or an operator's unlock to failed.
 */
class FailureWritesTest {
    @RegisterExtension
    static final TestDatabase DB = new TestDatabase();
    private final JobsTable jobs = new JobsTable(DB);

    @BeforeAll
    static void appTable() {
        DB.db().jdbi().useHandle(h -> h.execute("CREATE TABLE \"" + DB.config().appSchema() + "\".docs ("
                + "id bigint PRIMARY KEY, status text NOT NULL, error text)"));
    }

    @BeforeEach
    void clean() {
        DB.truncateJobs();
        DB.db().jdbi().useHandle(h -> h.execute("TRUNCATE " + DB.app("docs")));
    }

    /** Like the documents family: PROCESSING when an attempt starts, DONE or ERROR when the job ends. */
    private static TestHandler<JsonNode> documentsLike(CountDownLatch started, AtomicInteger failureWrites) {
        return TestHandler.json("doc", (p, ctx) -> {
            long doc = p.path("doc").asLong();
            ctx.fenced(h -> h.createUpdate("UPDATE " + DB.app("docs") + " SET status = 'PROCESSING' WHERE id = :id").bind("id", doc).execute());
            started.countDown();
            new CountDownLatch(1).await(); // runs until interrupted
            return JobOutcome.done(null, h -> h.createUpdate("UPDATE " + DB.app("docs") + " SET status = 'DONE' WHERE id = :id")
                    .bind("id", doc).execute());
        }).onFailed((payload, failure, h) -> {
            failureWrites.incrementAndGet();
            h.createUpdate("UPDATE " + DB.app("docs") + " SET status = 'ERROR', error = :error WHERE id = :id")
                    .bind("id", payload.path("doc").asLong())
                    .bind("error", failure.errorClass() + ": " + failure.message()).execute();
        });
    }

    private static void doc(long id, String status) {
        DB.db().jdbi().useHandle(h -> h.execute("INSERT INTO " + DB.app("docs") + " (id, status) VALUES (?, ?)", id, status));
    }

    private static Map<String, Object> docRow(long id) {
        return DB.db().jdbi().withHandle(h -> h.createQuery("SELECT status, error FROM " + DB.app("docs") + " WHERE id = :id")
                .bind("id", id).mapToMap().one());
    }

    @Test
    void aRunningJobCancelledInSqlEndsWithItsRowInError() throws Exception {
        doc(1, "WAITING");
        CountDownLatch started = new CountDownLatch(1);
        AtomicInteger failureWrites = new AtomicInteger();
        long id = jobs.enqueue("docs", "doc", "{\"doc\": 1}");
        TestClock clock = new TestClock();
        // a 90 s lease renewed every 30 s: only the clock the test moves can bring the heartbeat
        // that learns of the cancel within the wait below
        EngineConfig config = TestWorkers.builder("docs").lease(Duration.ofSeconds(90)).build();
        try (TestWorkers w = new TestWorkers()) {
            w.start(DB.db(), config, clock, documentsLike(started, failureWrites));
            assertThat(started.await(20, TimeUnit.SECONDS)).isTrue();
            assertThat(docRow(1)).containsEntry("status", "PROCESSING");

            boolean cancelled = DB.db().jdbi().withHandle(h -> h.createQuery(
                    "SELECT \"" + DB.config().schema() + "\".cancel(:id)").bind("id", id).mapTo(Boolean.class).one());

            assertThat(cancelled).isTrue();
            clock.advance(config.heartbeatInterval());
            await().atMost(Duration.ofSeconds(15)).until(() -> "ERROR".equals(docRow(1).get("status")));
        }
        assertThat(docRow(1)).containsEntry("error", "cancelled: The job was cancelled.");
        assertThat(jobs.get(id).status()).isEqualTo("cancelled");
        assertThat(failureWrites.get()).as("run once").isEqualTo(1);
    }

    @Test
    void aPendingJobCancelledBeforeItsFirstAttemptOwesNothing() {
        long id = jobs.enqueue(NewJob.of("docs", "doc", "{\"doc\": 2}").withDelay(Duration.ofHours(1)));
        assertThat(DB.db().queue().cancel(id)).isTrue();
        boolean owed = DB.db().jdbi().withHandle(h -> h.createQuery("SELECT failure_writes_pending FROM "
                + DB.jobs() + " WHERE id = :id").bind("id", id).mapTo(Boolean.class).one());
        assertThat(owed).isFalse();
    }

    @Test
    void aJobUnlockedToFailedGetsItsFailureWritesFromAWorkerOfItsKind() {
        doc(3, "PROCESSING");
        long id = jobs.enqueue(NewJob.of("docs", "doc", "{\"doc\": 3}").withMaxAttempts(1));
        // its worker died mid-attempt; no live worker of the family until the operator unlocks it
        List<ClaimedJob> claimed = DB.db().queue().claim("docs", "dead-worker", 1, Duration.ofSeconds(30));
        assertThat(claimed).hasSize(1);
        DB.db().jdbi().useHandle(h -> h.execute("UPDATE " + DB.jobs()
                + " SET lease_until = now() - interval '1 minute' WHERE id = ?", id));
        List<UnlockSql.Unlocked> unlocked = DB.db().admin().unlock().execute(
                new UnlockSql.Filter(null, null, List.of(id), Duration.ZERO), false, "operator test", BatchProgress.NONE);
        assertThat(unlocked).extracting(UnlockSql.Unlocked::status).containsExactly("failed");
        assertThat(docRow(3)).containsEntry("status", "PROCESSING");

        AtomicInteger failureWrites = new AtomicInteger();
        try (TestWorkers w = new TestWorkers()) {
            w.start(DB.db(), TestWorkers.config("docs"), documentsLike(new CountDownLatch(1), failureWrites));
            await().atMost(Duration.ofSeconds(15)).until(() -> "ERROR".equals(docRow(3).get("status")));
        }
        assertThat((String) docRow(3).get("error")).startsWith("unlocked: unlocked by an operator");
        assertThat(jobs.get(id).status()).isEqualTo("failed");
        assertThat(failureWrites.get()).isEqualTo(1);
    }
}
