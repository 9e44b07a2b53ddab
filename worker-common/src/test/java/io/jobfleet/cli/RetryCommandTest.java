package io.jobfleet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.jobfleet.db.JobRow;
import io.jobfleet.testing.JobsInEveryState;
import io.jobfleet.testing.JobsTable;
import io.jobfleet.testing.TestDatabase;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class RetryCommandTest {
    @RegisterExtension
    static final TestDatabase DB = new TestDatabase();
    private final JobsTable jobs = new JobsTable(DB);

    @Test
    void aFailedOrCancelledJobGoesBackToPendingWithItsAttemptsReset() {
        JobsInEveryState f = JobsInEveryState.insert(DB);
        Cli.Result r = Cli.run(DB, "retry", Long.toString(f.failedBadPayload1));
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.out()).contains("job " + f.failedBadPayload1 + " is pending again");
        JobRow row = jobs.get(f.failedBadPayload1);
        assertThat(row.status()).isEqualTo("pending");
        assertThat(row.attempts()).isZero();
        assertThat(row.completedAt()).isNull();
        assertThat(row.lockedBy()).isNull();
        assertThat(row.errors()).as("the history stays").contains("bad_payload");

        Cli.Result json = Cli.run(DB, "retry", Long.toString(f.cancelledRecent), "--json");
        assertThat(json.exit()).isZero();
        assertThat(json.json().get("status").asText()).isEqualTo("pending");
        assertThat(jobs.get(f.cancelledRecent).status()).isEqualTo("pending");
    }

    @Test
    void jobsInOtherStatesAreRefusedAndMissingOnesNotFound() {
        JobsInEveryState f = JobsInEveryState.insert(DB);
        for (long id : List.of(f.pendingDue, f.runningLive, f.completedRecentFast)) {
            Cli.Result r = Cli.run(DB, "retry", Long.toString(id));
            assertThat(r.exit()).as(r.toString()).isEqualTo(ExitCodes.CONFLICT);
            assertThat(r.err()).contains("only failed or cancelled jobs can be retried");
        }
        assertThat(jobs.get(f.runningLive).status()).isEqualTo("running");
        Cli.Result missing = Cli.run(DB, "retry", "987654");
        assertThat(missing.exit()).isEqualTo(ExitCodes.NOT_FOUND);
        assertThat(missing.err()).contains("job 987654 not found");
        assertThat(Cli.run(DB, "retry").exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(Cli.run(DB, "retry", "1", "--failed").exit()).isEqualTo(ExitCodes.USAGE);
    }

    @Test
    void aDedupKeyHeldByAPendingJobIsAConflict() {
        DB.truncateJobs();
        long failed = insert("failed", "k1");
        long holder = insert("pending", "k1");
        Cli.Result r = Cli.run(DB, "retry", Long.toString(failed));
        assertThat(r.exit()).as(r.toString()).isEqualTo(ExitCodes.CONFLICT);
        assertThat(r.err()).contains("dedup key 'k1'", "job " + holder + " already holds");
        assertThat(jobs.get(failed).status()).isEqualTo("failed");
    }

    @Test
    void retryFailedRetriesEveryMatchingJobInBatchesAndSkipsDedupConflicts() {
        JobsInEveryState f = JobsInEveryState.insert(DB);
        long blocked = insert("failed", "k2");
        insert("pending", "k2");
        long twinOld = insert("failed", "k3");
        long twinNew = insert("failed", "k3");

        Cli.Result r = Cli.run(DB, "retry", "--failed", "--queue", "alpha", "--batch", "2", "--json");
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.json().get("retried").asLong()).isEqualTo(f.failedInAlpha().size() + 1);
        List<Long> skipped = jsonLongs(r.json().get("skipped_dedup_key_in_use"));
        assertThat(skipped).hasSize(2).contains(blocked).containsAnyOf(twinOld, twinNew);
        for (long id : f.failedInAlpha()) {
            assertThat(jobs.get(id).status()).isEqualTo("pending");
            assertThat(jobs.get(id).attempts()).isZero();
        }
        assertThat(List.of(jobs.get(twinOld).status(), jobs.get(twinNew).status()))
                .as("one of two failed jobs sharing a dedup key").containsExactlyInAnyOrder("pending", "failed");
        assertThat(jobs.get(blocked).status()).isEqualTo("failed");
        assertThat(r.err()).as("a progress line per batch off a terminal").contains("retrying: 2/7", "retrying: 7/7");
    }

    @Test
    void retryFailedHonoursKindAndSince() {
        JobsInEveryState f = JobsInEveryState.insert(DB);
        Cli.Result r = Cli.run(DB, "retry", "--failed", "--since", "7m");
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.out()).contains("retried 1 failed job");
        assertThat(jobs.get(f.failedTimeout).status()).isEqualTo("pending");
        assertThat(jobs.get(f.failedBadPayload2).status()).isEqualTo("failed");
        assertThat(Cli.run(DB, "retry", "--failed", "--kind", "nope").out()).contains("retried 0 failed jobs");
    }

    private static List<Long> jsonLongs(com.fasterxml.jackson.databind.JsonNode a) {
        List<Long> out = new java.util.ArrayList<>();
        a.forEach(n -> out.add(n.asLong()));
        return out;
    }

    private long insert(String status, String dedupKey) {
        return DB.db().jdbi().withHandle(h -> h.createQuery("INSERT INTO " + DB.jobs()
                        + " (queue, kind, status, dedup_key, attempts, completed_at) VALUES ('alpha', 'k', :s, :d, 1, "
                        + "CASE WHEN :s = 'failed' THEN now() END) RETURNING id")
                .bind("s", status).bind("d", dedupKey).mapTo(Long.class).one());
    }
}
