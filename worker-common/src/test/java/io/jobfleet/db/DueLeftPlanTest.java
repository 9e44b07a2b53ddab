package io.jobfleet.db;

import static org.assertj.core.api.Assertions.assertThat;

import io.jobfleet.testing.TestDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The question the claim loop asks after a plain round that took fewer jobs than its room (are
 * due jobs of the queue left?) reads only that queue's part of the claim index, in the generic
 * plan a worker reuses, while another queue has a large backlog: asked as {@code SELECT EXISTS},
 * that plan was a sequential scan of the whole table at every round of an idle queue.
 */
class DueLeftPlanTest {
    @RegisterExtension
    static final TestDatabase DB = new TestDatabase();
    private static final int BACKLOG = 100_000;

    @BeforeAll
    static void anotherQueuesBacklog() {
        DB.truncateJobs();
        DB.db().jdbi().useHandle(h -> {
            h.execute("INSERT INTO " + DB.jobs() + " (queue, kind) SELECT 'backlog', 'k' FROM generate_series(1, " + BACKLOG + ")");
            h.execute("ANALYZE " + DB.jobs());
        });
    }

    @Test
    void anIdleQueuesQuestionReadsNoneOfAnotherQueuesBacklog() {
        // the worker's statement is prepared once per connection and, after five executions, runs
        // its generic plan (planned for any queue): that plan, forced here through a PREPARE (an
        // EXPLAIN with bound values would plan for the values)
        String sql = NamedSql.load("due_left", DB.config().schema())
                .replace(":queue", "$1").replace(":now", "$2");
        String plan = DB.db().jdbi().withHandle(h -> {
            h.begin();
            try {
                h.execute("SET LOCAL plan_cache_mode = force_generic_plan");
                h.execute("PREPARE due_left_generic (text, timestamptz) AS " + sql);
                try {
                    return String.join("\n", h.createQuery("EXPLAIN (ANALYZE, BUFFERS) EXECUTE due_left_generic ('idle', NULL)")
                            .mapTo(String.class).list());
                } finally {
                    h.execute("DEALLOCATE due_left_generic");
                }
            } finally {
                h.rollback();
            }
        });

        assertThat(plan).contains("jobs_claim_idx").doesNotContain("Seq Scan");
        assertThat(DB.db().queue().dueLeft("idle", null)).isFalse();
        assertThat(DB.db().queue().dueLeft("backlog", null)).isTrue();
    }
}
