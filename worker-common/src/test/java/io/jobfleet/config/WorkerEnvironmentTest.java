package io.jobfleet.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A process started without the shell's worker settings sees none of them, and keeps the rest. */
class WorkerEnvironmentTest {
    @Test
    void aStartedProcessSeesNoWorkerSettingAndTheRestOfTheEnvironment() throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder("sh", "-c",
                "echo \"${JOBFLEET_APP_SCHEMA:-unset} ${JOBFLEET_DB_POOLER:-unset} ${OTEL_SERVICE_NAME:-unset} "
                        + "${JOBFLEETISH:-unset} ${PATH:+path}\"");
        pb.environment().put("JOBFLEET_APP_SCHEMA", "app");
        pb.environment().put("JOBFLEET_DB_POOLER", "transaction");
        pb.environment().put("OTEL_SERVICE_NAME", "the-app");
        pb.environment().put("JOBFLEETISH", "kept");

        Process p = WorkerEnvironment.withoutShellSettings(pb).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();

        assertThat(out).isEqualTo("unset unset unset kept path");
    }
}
