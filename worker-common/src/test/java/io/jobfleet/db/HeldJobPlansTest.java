package io.jobfleet.db;

import static org.assertj.core.api.Assertions.assertThat;

import io.jobfleet.testing.TestDatabase;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Statements on the jobs a worker holds find them by primary key, even when the statistics were
 * taken while nothing ran and many jobs run now (a quiet moment's ANALYZE, then a busy hour). An
 * index on running jobs once drew them in: each completion then read every running job of every
 * worker. The rescue, which does look for running jobs by lease, keeps its index.
 */
class HeldJobPlansTest {
    @RegisterExtension
    static final TestDatabase DB = new TestDatabase();
    private static final int PENDING = 3000;
    private static final int RUNNING = 600;

    @BeforeAll
    static void manyRunningJobsTheStatisticsNeverSaw() {
        DB.db().jdbi().useHandle(h -> {
            h.execute("INSERT INTO " + DB.jobs() + " (queue, kind) SELECT 'q', 'k' FROM generate_series(1, " + PENDING + ")");
            h.execute("ANALYZE " + DB.jobs());
            h.execute("UPDATE " + DB.jobs() + " SET status = 'running', attempts = 1, locked_by = 'w' || (id % 3), claim_token = 1,"
                    + " lease_until = now() + interval '1 minute', started_at = now() WHERE id <= " + RUNNING);
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"complete", "fail", "snooze", "lock_held", "heartbeat", "hand_back", "complete_batch", "claim"})
    void findsHeldJobsByTheirPrimaryKey(String statement) {
        String plan = explain(statement);

        assertThat(plan).contains("\"jobs_pkey\"").doesNotContain("jobs_lease");
    }

    @ParameterizedTest
    @ValueSource(strings = {"heartbeat", "hand_back", "complete_batch"})
    void aLargeBatchOfHeldJobsIsNeverJoinedWithEveryRunningJob(String statement) {
        List<Long> held = DB.db().jdbi().withHandle(h -> h.createQuery("SELECT id FROM " + DB.jobs()
                + " WHERE locked_by = 'w1' ORDER BY id").mapTo(Long.class).list());
        Map<String, Object> binds = binds();
        binds.put("ids", held.toArray(Long[]::new));
        binds.put("tokens", held.stream().map(id -> 1L).toArray(Long[]::new));
        binds.put("results", held.stream().map(id -> "{}").toArray(String[]::new));

        String plan = explain(statement, binds);

        // a join of the list with the table, re-reading one side per row of the other, is quadratic
        assertThat(held).hasSizeGreaterThan(100);
        assertThat(plan).doesNotContain("Join Filter").doesNotContain("Function Scan");
    }

    @Test
    void theRescueFindsExpiredLeasesThroughItsIndex() {
        assertThat(explain("rescue")).contains("\"jobs_leased_idx\"");
    }

    private static String explain(String statement) {
        return explain(statement, binds());
    }

    private static Map<String, Object> binds() {
        Map<String, Object> binds = new HashMap<>();
        binds.put("id", 7L);
        binds.put("token", 1L);
        binds.put("worker", "w1");
        binds.put("result", "{}");
        binds.put("errorClass", "boom");
        binds.put("message", "boom");
        binds.put("reason", "later");
        binds.put("permanent", false);
        binds.put("delaySeconds", 1.0);
        binds.put("leaseSeconds", 15.0);
        binds.put("ids", new Long[] {1L, 4L, 7L, 10L});
        binds.put("tokens", new Long[] {1L, 1L, 1L, 1L});
        binds.put("results", new String[] {"{}", "{}", "{}", "{}"});
        binds.put("queue", "q");
        binds.put("limit", 10);
        binds.put("batch", 100);
        binds.put("kinds", new String[] {"k"});
        binds.put("now", null); // production: the statement uses its transaction's now()
        return binds;
    }

    private static String explain(String statement, Map<String, Object> binds) {
        String sql = NamedSql.load(statement, DB.config().schema());
        return DB.db().jdbi().withHandle(h -> {
            var query = h.createQuery("EXPLAIN (FORMAT JSON) " + sql);
            binds.forEach((name, value) -> {
                if (sql.contains(":" + name)) {
                    query.bind(name, value);
                }
            });
            return query.mapTo(String.class).one();
        });
    }
}
