package io.jobfleet.maintenance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.jobfleet.config.RetentionConfig;
import io.jobfleet.db.JobRow;
import io.jobfleet.db.PruneSql;
import io.jobfleet.testing.JobsInEveryState;
import io.jobfleet.testing.JobsTable;
import io.jobfleet.testing.TestDatabase;
import java.time.Duration;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class PrunerTest {
    @RegisterExtension
    static final TestDatabase DB = new TestDatabase();
    private final JobsTable jobs = new JobsTable(DB);
    private final PruneSql sql = DB.db().admin().prune();

    @Test
    void deletesFinishedJobsPastTheRetentionInBatchesAndNothingElse() {
        JobsInEveryState f = JobsInEveryState.insert(DB);
        List<Long> keep = jobs.all().stream().map(JobRow::id).filter(id -> !f.old().contains(id)).toList();
        Pruner pruner = new Pruner(sql, new RetentionConfig(Duration.ofDays(7), Duration.ofHours(1), 2), "w-test");
        assertThat(pruner.pruneNow()).isEqualTo(3);
        assertThat(jobs.all()).extracting(JobRow::id).containsExactlyElementsOf(keep);
        assertThat(pruner.pruneNow()).isZero();
    }

    @Test
    void skipsItsRoundWhileAnotherWorkerPrunes() {
        JobsInEveryState f = JobsInEveryState.insert(DB);
        Pruner pruner = new Pruner(sql, new RetentionConfig(Duration.ofDays(7), Duration.ofHours(1), 100), "w-test");
        try (Handle other = DB.db().jdbi().open()) {
            other.begin();
            assertThat(sql.tryLock(other)).as("the other worker holds the prune lock").isTrue();
            assertThat(pruner.pruneNow()).isZero();
            assertThat(jobs.all()).extracting(JobRow::id).containsAll(f.old());
            other.rollback();
        }
        assertThat(pruner.pruneNow()).isEqualTo(3);
    }

    @Test
    void asAServiceItPrunesAtStartAndStopsCleanly() {
        JobsInEveryState f = JobsInEveryState.insert(DB);
        RetentionConfig week = new RetentionConfig(Duration.ofDays(7), Duration.ofHours(1), 1000);
        new Pruner(sql, week, "w-test").stop(Duration.ofSeconds(1)); // a stop before start is harmless
        Pruner pruner = new Pruner(sql, week, "w-test");
        pruner.start();
        try {
            await().atMost(Duration.ofSeconds(10)).until(() -> jobs.all().stream().noneMatch(j -> f.old().contains(j.id())));
        } finally {
            pruner.stop(Duration.ofSeconds(2));
            pruner.stop(Duration.ofSeconds(2));
        }
    }

    @Test
    void aZeroRetentionKeepsEverything() {
        JobsInEveryState.insert(DB);
        long before = jobs.all().size();
        Pruner pruner = new Pruner(sql, RetentionConfig.disabled(), "w-test");
        assertThat(pruner.runOnce()).isEqualTo(RetentionConfig.INTERVAL_DEFAULT);
        assertThat(jobs.all()).hasSize((int) before);
    }
}
