package io.jobfleet.ai;

import static org.assertj.core.api.Assertions.assertThat;

import io.jobfleet.cli.ExitCodes;
import io.jobfleet.cli.JobfleetCli;
import io.jobfleet.db.JobRow;
import io.jobfleet.db.NewJob;
import io.jobfleet.testing.JobsTable;
import io.jobfleet.testing.TestDatabase;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import picocli.CommandLine;

/** {@code migrate} without {@code --app-tables}, then {@code ai run}: it does not start, and says how to fix it. */
class MigrateWithoutAppTablesTest {
    @RegisterExtension
    static final TestDatabase DB = new TestDatabase();

    @Test
    void runExitsFiveAndTheJobsStayPendingUncharged() {
        assertThat(cli("migrate").exit).isZero();
        JobsTable jobs = new JobsTable(DB);
        long id = jobs.enqueue(NewJob.of("ai", "ai.generate", "{\"userId\": \"u1\", \"prompt\": \"Hi\"}"));

        Result run = cli("run", "--http-port=-1", "--llm-base-url=http://127.0.0.1:9/v1");

        assertThat(run.exit).as(run.err).isEqualTo(ExitCodes.SCHEMA_OUTDATED);
        assertThat(run.err).contains("table " + DB.config().appSchema() + ".ai_token_budgets does not exist")
                .contains("table " + DB.config().appSchema() + ".ai_usage_ledger does not exist")
                .contains("`jobfleet ai migrate --app-tables`");
        JobRow job = jobs.get(id);
        assertThat(job.status()).isEqualTo("pending");
        assertThat(job.attempts()).isZero();

        Result check = cli("check");
        assertThat(check.exit).isEqualTo(ExitCodes.SCHEMA_OUTDATED);
        assertThat(check.out).contains("ai_usage_ledger does not exist");

        assertThat(cli("migrate", "--app-tables").exit).isZero();
        Result after = cli("check");
        assertThat(after.exit).as(after.out).isZero();
    }

    private record Result(int exit, String out, String err) {
    }

    private static Result cli(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.add("--db-url=" + DB.config().url());
        all.add("--schema=" + DB.config().schema());
        all.add("--app-schema=" + DB.config().appSchema());
        all.add("--db-user=" + DB.config().user());
        if (!DB.config().password().isEmpty()) {
            all.add("--db-password=" + DB.config().password().reveal());
        }
        CommandLine cl = JobfleetCli.commandLine(List.of(new AiFamily()), List.of());
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        return new Result(cl.execute(all.toArray(String[]::new)), out.toString(), err.toString());
    }
}
