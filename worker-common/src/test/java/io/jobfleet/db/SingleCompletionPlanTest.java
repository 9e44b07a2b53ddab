package io.jobfleet.db;

import static org.assertj.core.api.Assertions.assertThat;

import io.jobfleet.testing.TestDatabase;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A worker that is not saturated completes its jobs one at a time, on a jobs table whose
 * statistics have seen its history. Each such completion reuses the plan its connection made
 * once (a generic plan), instead of being planned again at every execution, as the batch
 * statement was: its plan depends on the length of its arrays, so PostgreSQL kept choosing a
 * custom plan for a batch of one, which took the server longer to plan than to run.
 */
class SingleCompletionPlanTest {
    @RegisterExtension
    static final TestDatabase DB = new TestDatabase();
    private static final Duration LEASE = Duration.ofSeconds(30);
    private static final int COMPLETIONS = 20;

    @Test
    void aCompletionOfOneJobIsNotPlannedAgainAtEveryExecution() {
        DB.execute("INSERT INTO " + DB.jobs() + " (queue, kind, status, attempts, started_at, completed_at)"
                + " SELECT 'done', 'k', 'completed', 1, now(), now() FROM generate_series(1, 20000)");
        DB.execute("INSERT INTO " + DB.jobs() + " (queue, kind) SELECT 'q', 'k' FROM generate_series(1, " + COMPLETIONS + ")");
        DB.execute("ANALYZE " + DB.jobs());
        try (Database pool = DB.openAnother("single-completion", 2)) {
            QueueSql queue = pool.queue();
            for (int i = 0; i < COMPLETIONS; i++) {
                ClaimedJob job = queue.claim("q", "w1", 1, LEASE).get(0);
                assertThat(queue.completeBatch("w1", List.of(job.held()), List.of("{\"n\": " + i + "}")))
                        .containsExactly(job.id());
            }

            // prepared statements are per connection: read both of the pool's, holding both at once
            long generic = 0;
            long custom = 0;
            try (Handle a = pool.jdbi().open(); Handle b = pool.jdbi().open()) {
                for (Handle h : List.of(a, b)) {
                    Map<String, Object> plans = h.createQuery("SELECT coalesce(sum(generic_plans), 0) AS generic,"
                            + " coalesce(sum(custom_plans), 0) AS custom FROM pg_prepared_statements"
                            + " WHERE statement LIKE '%completed_at%' AND statement LIKE '%UPDATE%'").mapToMap().one();
                    generic += ((Number) plans.get("generic")).longValue();
                    custom += ((Number) plans.get("custom")).longValue();
                }
            }

            // the driver prepares a statement on the server from its fifth execution on a
            // connection, and the server tries five custom plans before it settles on the generic one
            assertThat(generic).isGreaterThanOrEqualTo(COMPLETIONS - 10);
            assertThat(custom).isLessThanOrEqualTo(10);
        }
        long completed = DB.db().jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM " + DB.jobs()
                + " WHERE queue = 'q' AND status = 'completed' AND result IS NOT NULL").mapTo(Long.class).one());
        assertThat(completed).isEqualTo(COMPLETIONS);
    }
}
