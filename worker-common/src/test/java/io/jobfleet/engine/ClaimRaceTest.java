package io.jobfleet.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.jobfleet.db.Database;
import io.jobfleet.testing.JobsTable;
import io.jobfleet.testing.TestDatabase;
import io.jobfleet.testing.TestHandler;
import io.jobfleet.testing.TestWorkers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Four engines of eight threads, each with its own pool, race for 5,000 jobs: each runs exactly
 * once. About 40 claim rounds per engine, every one against the three others.
 */
class ClaimRaceTest {
    @RegisterExtension
    static final TestDatabase DB = new TestDatabase();

    private static final int JOBS = 5_000;

    @Test
    void everyJobRunsExactlyOnceAcrossFourEngines() {
        String app = DB.config().appSchema();
        DB.db().jdbi().useHandle(h -> {
            h.execute("CREATE TABLE \"" + app + "\".executions (job_id bigint NOT NULL, worker text NOT NULL)");
            h.execute("INSERT INTO " + DB.jobs() + " (queue, kind, payload) "
                    + "SELECT 'race', 'count', jsonb_build_object('n', g) FROM generate_series(1, " + JOBS + ") g");
        });
        Map<Long, AtomicInteger> invocations = new ConcurrentHashMap<>();
        TestHandler<JsonNode> handler = TestHandler.json("count", (payload, ctx) -> {
            invocations.computeIfAbsent(ctx.jobId(), id -> new AtomicInteger()).incrementAndGet();
            return JobOutcome.done(Map.of("n", payload.get("n").asInt()), h -> h.createUpdate(
                    "INSERT INTO " + DB.app("executions") + " (job_id, worker) VALUES (:id, :w)")
                    .bind("id", ctx.jobId()).bind("w", ctx.workerId()).execute());
        });

        List<Database> pools = new ArrayList<>();
        try (TestWorkers workers = new TestWorkers()) {
            for (int i = 0; i < 4; i++) {
                Database db = DB.openAnother("race-" + i, 12);
                pools.add(db);
                workers.start(db, TestWorkers.builder("race").concurrency(8).build(), handler);
            }
            await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(250))
                    .until(() -> new JobsTable(DB).count("completed") == JOBS);
        } finally {
            pools.forEach(Database::close);
        }

        JobsTable jobs = new JobsTable(DB);
        assertThat(jobs.countByStatus()).containsOnlyKeys("completed");
        assertThat(invocations).hasSize(JOBS);
        assertThat(invocations.values()).allSatisfy(n -> assertThat(n.get()).isEqualTo(1));
        long rows = DB.db().jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM " + DB.app("executions")).mapTo(Long.class).one());
        long distinct = DB.db().jdbi().withHandle(h -> h.createQuery("SELECT count(DISTINCT job_id) FROM " + DB.app("executions"))
                .mapTo(Long.class).one());
        long workersSeen = DB.db().jdbi().withHandle(h -> h.createQuery("SELECT count(DISTINCT worker) FROM " + DB.app("executions"))
                .mapTo(Long.class).one());
        assertThat(rows).isEqualTo(JOBS);
        assertThat(distinct).isEqualTo(JOBS);
        assertThat(workersSeen).as("all four engines took part").isEqualTo(4);
        long wrongAttempts = DB.db().jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM " + DB.jobs()
                + " WHERE attempts <> 1").mapTo(Long.class).one());
        assertThat(wrongAttempts).isZero();
    }
}
