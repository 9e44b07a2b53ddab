package io.jobfleet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.jobfleet.db.JobRow;
import io.jobfleet.testing.JobsTable;
import io.jobfleet.testing.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code schedule add|list|pause|resume|run-now|remove}, and schedules in {@code stats} and {@code diagnose}. */
class ScheduleCommandTest {
    @RegisterExtension
    static final TestDatabase DB = new TestDatabase();

    @BeforeEach
    void clean() {
        DB.truncateJobs();
        DB.db().jdbi().useHandle(h -> h.execute("DELETE FROM \"" + DB.config().schema() + "\".schedules"));
    }

    @Test
    void addListPauseResumeRunNowRemove() {
        Cli.Result add = Cli.run(DB, "schedule", "add", "invoices", "--cron", "*/2 * * * *", "--kind",
                "document.extract", "--payload", "{\"batch\": true}", "--catch-up", "all", "--catch-up-max", "10",
                "--time-zone", "Europe/Paris");
        assertThat(add.exit()).as(add.toString()).isZero();
        assertThat(add.out()).contains("schedule invoices added: */2 * * * * (Europe/Paris) enqueues document.extract "
                + "in queue documents, first at");

        Cli.Result taken = Cli.run(DB, "schedule", "add", "invoices", "--cron", "0 3 * * *", "--kind", "x", "--queue", "q");
        assertThat(taken.exit()).isEqualTo(ExitCodes.CONFLICT);
        assertThat(taken.err()).contains("a schedule named invoices exists");

        Cli.Result list = Cli.run(DB, "schedule", "list");
        assertThat(list.exit()).isZero();
        assertThat(list.out()).contains("invoices", "*/2 * * * *", "Europe/Paris", "documents", "all (max 10)");
        JsonNode json = Cli.run(DB, "schedule", "list", "invoices", "--json").json().get(0);
        assertThat(json.get("catch_up").asText()).isEqualTo("all");
        assertThat(json.get("payload").get("batch").asBoolean()).isTrue();
        assertThat(json.get("paused").asBoolean()).isFalse();
        assertThat(json.get("next_run").asText()).isNotEmpty();

        assertThat(Cli.run(DB, "schedule", "pause", "invoices").exit()).isZero();
        assertThat(Cli.run(DB, "schedule", "list", "invoices", "--json").json().get(0).get("paused").asBoolean()).isTrue();
        assertThat(Cli.run(DB, "schedule", "resume", "invoices").out()).contains("schedule invoices resumed");
        assertThat(Cli.run(DB, "schedule", "resume", "invoices").out()).contains("was not paused");

        Cli.Result now = Cli.run(DB, "schedule", "run-now", "invoices");
        assertThat(now.exit()).as(now.toString()).isZero();
        JobRow job = new JobsTable(DB).get(Long.parseLong(now.out().trim()));
        assertThat(job.queue()).isEqualTo("documents");
        assertThat(job.kind()).isEqualTo("document.extract");
        assertThat(job.payload()).contains("\"batch\": true");
        assertThat(job.dedupKey()).isNull();
        assertThat(Cli.run(DB, "schedule", "list", "invoices", "--json").json().get(0).get("last_slot").isNull())
                .as("run-now is not a slot").isTrue();

        assertThat(Cli.run(DB, "schedule", "remove", "invoices").exit()).isZero();
        for (String cmd : new String[] {"remove", "pause", "resume", "run-now", "list"}) {
            Cli.Result gone = Cli.run(DB, "schedule", cmd, "invoices");
            assertThat(gone.exit()).as(cmd).isEqualTo(ExitCodes.NOT_FOUND);
            assertThat(gone.err()).contains("no schedule named invoices");
        }
        assertThat(Cli.run(DB, "schedule", "list").out()).contains("no schedules");
    }

    @Test
    void badCronTimeZoneOrPolicyIsRefusedReadably() {
        Cli.Result fields = Cli.run(DB, "schedule", "add", "bad", "--cron", "0 3 * *", "--kind", "k", "--queue", "q");
        assertThat(fields.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(fields.err()).contains("cron expression '0 3 * *' has 4 field(s)");
        Cli.Result range = Cli.run(DB, "schedule", "add", "bad", "--cron", "0 25 * * *", "--kind", "k", "--queue", "q");
        assertThat(range.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(range.err()).contains("cron expression '0 25 * * *' is not valid");
        Cli.Result zone = Cli.run(DB, "schedule", "add", "bad", "--cron", "0 3 * * *", "--time-zone", "Mars/Olympus",
                "--kind", "k", "--queue", "q");
        assertThat(zone.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(zone.err()).contains("unknown time zone 'Mars/Olympus'");
        Cli.Result policy = Cli.run(DB, "schedule", "add", "bad", "--cron", "0 3 * * *", "--catch-up", "some",
                "--kind", "k", "--queue", "q");
        assertThat(policy.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(policy.err()).contains("catch-up policy 'some' is not one of skip, last, all");
        Cli.Result payload = Cli.run(DB, "schedule", "add", "bad", "--cron", "0 3 * * *", "--payload", "[1]",
                "--kind", "k", "--queue", "q");
        assertThat(payload.exit()).isEqualTo(ExitCodes.USAGE);
        assertThat(payload.err()).contains("the payload must be a JSON object");
        assertThat(Cli.run(DB, "schedule", "list").out()).contains("no schedules");
    }

    @Test
    void everySubcommandHasHelpWithItsEnvironmentVariables() {
        for (String cmd : new String[] {"add", "list", "remove", "pause", "resume", "run-now"}) {
            Cli.Result help = Cli.run(DB, "schedule", cmd, "--help");
            assertThat(help.exit()).as(cmd).isZero();
            assertThat(help.out()).contains("JOBFLEET_DB_URL");
        }
        assertThat(Cli.run(DB, "schedule", "add", "--help").out()).contains("JOBFLEET_SCHEDULE_CATCH_UP",
                "JOBFLEET_SCHEDULE_CATCH_UP_MAX", "JOBFLEET_SCHEDULE_TIME_ZONE");
    }

    @Test
    void statsListsSchedulesAndDiagnoseFindsOverdueAndFailedOnes() {
        assertThat(Cli.run(DB, "schedule", "add", "nightly-prune", "--cron", "0 3 * * *", "--kind", "maintenance.prune",
                "--queue", "documents").exit()).isZero();
        assertThat(Cli.run(DB, "schedule", "add", "hourly", "--cron", "0 * * * *", "--kind", "document.extract").exit())
                .isZero();
        Cli.Result stats = Cli.run(DB, "stats");
        assertThat(stats.out()).contains("schedules", "nightly-prune", "0 3 * * *", "hourly");
        assertThat(Cli.run(DB, "stats", "--json").json().get("schedules")).hasSize(2);
        assertThat(Cli.run(DB, "diagnose").out()).doesNotContain("schedule_overdue", "is overdue");

        // no worker ran for 10 minutes past the nightly slot; the hourly schedule's last job failed
        long failed = new JobsTable(DB).enqueue("documents", "document.extract", "{}");
        DB.db().jdbi().useHandle(h -> {
            h.execute("UPDATE \"" + DB.config().schema() + "\".schedules SET next_run = now() - interval '10 minutes' "
                    + "WHERE name = 'nightly-prune'");
            h.execute("UPDATE " + DB.jobs() + " SET status = 'failed', last_error = 'the invoice folder is gone' "
                    + "WHERE id = " + failed);
            h.execute("UPDATE \"" + DB.config().schema() + "\".schedules SET last_job_id = " + failed
                    + ", last_slot = now() - interval '1 hour' WHERE name = 'hourly'");
        });
        Cli.Result diagnose = Cli.run(DB, "diagnose");
        assertThat(diagnose.exit()).as(diagnose.toString()).isEqualTo(ExitCodes.PROBLEMS_FOUND);
        assertThat(diagnose.out()).contains("schedule nightly-prune: its slot of", "overdue and not enqueued",
                "no worker process runs against this database",
                "schedule hourly: the job of its last slot", "failed: the invoice folder is gone",
                "jobfleet retry " + failed);
        JsonNode findings = Cli.run(DB, "diagnose", "--json").json().get("findings");
        assertThat(findings.findValuesAsText("code")).contains("schedule_overdue", "schedule_failed");

        DB.db().jdbi().useHandle(h -> h.execute("UPDATE \"" + DB.config().schema() + "\".schedules SET paused = true "
                + "WHERE name = 'nightly-prune'"));
        assertThat(Cli.run(DB, "diagnose", "--json").json().get("findings").findValuesAsText("code"))
                .as("a paused schedule is not overdue").doesNotContain("schedule_overdue");
    }
}
