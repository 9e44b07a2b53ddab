package io.jobfleet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.jobfleet.db.JobRow;
import io.jobfleet.engine.Payloads;
import io.jobfleet.testing.JobsChannel;
import io.jobfleet.testing.JobsInEveryState;
import io.jobfleet.testing.JobsTable;
import io.jobfleet.testing.TestDatabase;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class UnlockCommandTest {
    @RegisterExtension
    static final TestDatabase DB = new TestDatabase();
    private final JobsTable jobs = new JobsTable(DB);

    @Test
    void dryRunChangesNothingAndExecuteChangesExactlyTheRowsItListed() throws Exception {
        JobsInEveryState f = JobsInEveryState.insert(DB);
        List<JobRow> before = jobs.all();

        Cli.Result dry = Cli.run(DB, "unlock", "--json");
        assertThat(dry.exit()).as(dry.toString()).isZero();
        assertThat(jobs.all()).as("a dry run changes nothing").isEqualTo(before);
        JsonNode listed = dry.json();
        assertThat(listed.get("dry_run").asBoolean()).isTrue();
        List<Long> listedIds = ids(listed.get("jobs"));
        assertThat(listedIds).containsExactlyElementsOf(f.expiredLeases());
        assertThat(listed.get("jobs").get(0).get("to").asText()).isEqualTo("pending");
        assertThat(listed.get("jobs").get(1).get("to").asText()).isEqualTo("failed (attempts spent)");

        Cli.Result human = Cli.run(DB, "unlock");
        assertThat(human.out()).contains("would unlock 2 jobs (dry run", "w-dead", "failed (attempts spent)");

        List<String> notified;
        try (JobsChannel channel = new JobsChannel(DB, "unlock-test")) {
            Cli.Result exec = Cli.run(DB, "unlock", "--execute", "--json");
            assertThat(exec.exit()).as(exec.toString()).isZero();
            assertThat(ids(exec.json().get("jobs"))).containsExactlyElementsOf(listedIds);
            notified = channel.drainUpToMarker();
        }
        assertThat(notified).containsExactly(JobsInEveryState.QUEUE);

        Map<Long, JobRow> after = byId(jobs.all());
        Map<Long, JobRow> old = byId(before);
        for (long id : old.keySet()) {
            if (!listedIds.contains(id)) {
                assertThat(after.get(id)).as("job %d is not touched", id).isEqualTo(old.get(id));
            }
        }
        JobRow again = after.get(f.runningExpired);
        assertThat(again.status()).isEqualTo("pending");
        assertThat(again.attempts()).isEqualTo(1);
        assertThat(again.lockedBy()).isNull();
        assertThat(again.leaseUntil()).isNull();
        JsonNode entry = Payloads.tree(again.errors()).get(0);
        assertThat(entry.get("class").asText()).isEqualTo("unlocked");
        assertThat(entry.get("worker").asText()).isEqualTo("w-dead");
        assertThat(entry.get("by").asText()).startsWith("operator ");
        // last_error is shown to the app's user: the worker and the operator's user and host stay in errors[]
        assertThat(again.lastError()).startsWith("unlocked by an operator: ").doesNotContain("w-dead")
                .doesNotContain(entry.get("by").asText().substring("operator ".length()));

        JobRow spent = after.get(f.runningExpiredSpent);
        assertThat(spent.status()).isEqualTo("failed");
        assertThat(spent.attempts()).isEqualTo(3);
        assertThat(spent.completedAt()).isNotNull();

        Cli.Result nothing = Cli.run(DB, "unlock", "--execute");
        assertThat(nothing.exit()).isZero();
        assertThat(nothing.out()).contains("no job unlocked");
    }

    @Test
    void forceResetsSpentAttemptsSoTheJobGoesBackToPending() {
        JobsInEveryState f = JobsInEveryState.insert(DB);
        Cli.Result dry = Cli.run(DB, "unlock", "--force", "--id", Long.toString(f.runningExpiredSpent), "--json");
        assertThat(dry.json().get("jobs").get(0).get("to").asText()).isEqualTo("pending (attempts reset)");

        Cli.Result r = Cli.run(DB, "unlock", "--execute", "--force", "--id", Long.toString(f.runningExpiredSpent));
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.out()).contains("unlocked 1 job");
        JobRow row = jobs.get(f.runningExpiredSpent);
        assertThat(row.status()).isEqualTo("pending");
        assertThat(row.attempts()).isZero();
        assertThat(Payloads.tree(row.errors()).get(0).get("attempts_reset").asBoolean()).isTrue();
        assertThat(jobs.get(f.runningExpired).status()).as("not selected by --id").isEqualTo("running");
    }

    @Test
    void filtersNarrowTheSelectionAndALiveJobIsRefused() {
        JobsInEveryState f = JobsInEveryState.insert(DB);
        assertThat(ids(Cli.run(DB, "unlock", "--queue", "documents", "--json").json().get("jobs"))).isEmpty();
        assertThat(ids(Cli.run(DB, "unlock", "--kind", "doc.render", "--json").json().get("jobs")))
                .containsExactlyElementsOf(f.expiredLeases());
        assertThat(ids(Cli.run(DB, "unlock", "--older-than", "270s", "--json").json().get("jobs")))
                .as("only the lease that expired 5 minutes ago").containsExactly(f.runningExpired);

        List<JobRow> before = jobs.all();
        Cli.Result live = Cli.run(DB, "unlock", "--execute", "--id", Long.toString(f.runningLive));
        assertThat(live.exit()).isEqualTo(ExitCodes.CONFLICT);
        assertThat(live.err()).contains("not unlockable", Long.toString(f.runningLive));
        assertThat(jobs.all()).isEqualTo(before);

        assertThat(Cli.run(DB, "unlock", "--dry-run", "--execute").exit()).isEqualTo(ExitCodes.USAGE);
    }

    private static List<Long> ids(JsonNode array) {
        List<Long> ids = new ArrayList<>();
        array.forEach(n -> ids.add(n.get("id").asLong()));
        return ids;
    }

    private static Map<Long, JobRow> byId(List<JobRow> rows) {
        return rows.stream().collect(Collectors.toMap(JobRow::id, Function.identity()));
    }
}
