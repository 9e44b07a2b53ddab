package io.jobfleet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.jobfleet.db.JobRow;
import io.jobfleet.testing.JobsInEveryState;
import io.jobfleet.testing.JobsTable;
import io.jobfleet.testing.TestDatabase;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class PruneCommandTest {
    @RegisterExtension
    static final TestDatabase DB = new TestDatabase();
    private final JobsTable jobs = new JobsTable(DB);

    @Test
    void dryRunCountsAndDeletesNothing() {
        JobsInEveryState f = JobsInEveryState.insert(DB);
        List<JobRow> before = jobs.all();
        Cli.Result r = Cli.run(DB, "prune", "--older-than", "7d", "--dry-run", "--json");
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.json().get("would_delete").asLong()).isEqualTo(f.old().size());
        assertThat(jobs.all()).isEqualTo(before);
        assertThat(Cli.run(DB, "prune", "--older-than", "7d", "--dry-run").out())
                .contains("would delete 3 jobs: completed, failed, cancelled jobs older than 7d");
    }

    @Test
    void deletesOnlyOldFinishedJobsInBatches() {
        JobsInEveryState f = JobsInEveryState.insert(DB);
        List<Long> keep = jobs.all().stream().map(JobRow::id).filter(id -> !f.old().contains(id)).toList();
        Cli.Result r = Cli.run(DB, "prune", "--older-than", "7d", "--batch", "1");
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.out()).contains("deleted 3 jobs");
        assertThat(r.err()).as("one progress line per batch").contains("pruning: 1/3", "pruning: 2/3", "pruning: 3/3");
        assertThat(jobs.all()).extracting(JobRow::id).containsExactlyElementsOf(keep);
    }

    @Test
    void statusFilterAndValidation() {
        JobsInEveryState f = JobsInEveryState.insert(DB);
        Cli.Result r = Cli.run(DB, "prune", "--older-than", "1m", "--status", "completed", "--json");
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.json().get("deleted").asLong()).as("the old and the two recent completed jobs").isEqualTo(3);
        assertThat(jobs.all()).extracting(JobRow::id)
                .doesNotContain(f.completedOld, f.completedRecentSlow, f.completedRecentFast)
                .contains(f.failedOld, f.cancelledOld, f.runningLive, f.pendingDue);

        Cli.Result running = Cli.run(DB, "prune", "--older-than", "1m", "--status", "running");
        assertThat(running.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(running.err()).contains("only finished jobs can be pruned");
        assertThat(Cli.run(DB, "prune").exit()).as("--older-than is required").isEqualTo(ExitCodes.USAGE);
        assertThat(Cli.run(DB, "prune", "--older-than", "7d", "--batch", "0").exit()).isEqualTo(ExitCodes.USAGE);
    }
}
