package io.jobfleet.db;

import static org.assertj.core.api.Assertions.assertThat;

import io.jobfleet.db.GenericPlan.Param;
import io.jobfleet.testing.TestDatabase;
import java.util.List;
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
        // the plan a worker reuses after its first executions, planned for any queue
        String plan = GenericPlan.explain(DB, "due_left", "ANALYZE, BUFFERS",
                List.of(new Param("queue", "text", "'idle'"), new Param("now", "timestamptz", "NULL")));

        assertThat(plan).contains("jobs_claim_idx").doesNotContain("Seq Scan");
        assertThat(DB.db().queue().dueLeft("idle", null)).isFalse();
        assertThat(DB.db().queue().dueLeft("backlog", null)).isTrue();
    }
}
