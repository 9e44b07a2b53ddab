package io.jobfleet.ai;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@code check --print-default} as an operator runs it: the jar's own {@code main} in a JVM of its
 * own, which ends with {@code System.exit}. The mapping it prints has no line end after its last
 * line, and picocli's writer flushes only at one, so this proves the output is flushed before the
 * exit (it was lost: the command printed nothing and exited 0).
 */
class PrintDefaultMappingTest {
    @Test
    void theDefaultMappingReachesStdoutBeforeTheJvmExits() throws Exception {
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx128m", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                Main.class.getName(), "check", "--print-default")
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();

        assertThat(p.exitValue()).isZero();
        assertThat(out).startsWith("# ai\n").contains("ai_usage_ledger").contains("ai_token_budgets");
    }
}
