package io.jobfleet.fleet.jars;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jobfleet.testing.TestDatabase;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A worker jar as shipped logs through worker-common's LogConfigurator (no configuration file in
 * the jar): JSON lines with the logstash fields, or text lines, on stderr, and the connection
 * pool's INFO lines held back.
 */
class ProductionLoggingIT {
    @RegisterExtension
    static final TestDatabase DB = new TestDatabase();
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void aWorkerJarLogsJsonLinesOffATerminal() throws Exception {
        List<String> lines = runAndStop("json");

        List<JsonNode> parsed = new ArrayList<>();
        for (String line : lines) {
            JsonNode node = JSON.readTree(line);
            assertThat(node.isObject()).as(line).isTrue();
            assertThat(node.has("@timestamp") && node.has("level") && node.has("logger_name") && node.has("message"))
                    .as(line).isTrue();
            parsed.add(node);
        }
        assertThat(parsed).anySatisfy(n -> {
            assertThat(n.path("logger_name").asText()).isEqualTo("io.jobfleet.engine.Worker");
            assertThat(n.path("level").asText()).isEqualTo("INFO");
            assertThat(n.path("message").asText()).contains("started: queue ai");
        });
        assertThat(parsed).as("HikariCP logs its pool's start at INFO; held at WARN")
                .noneMatch(n -> n.path("logger_name").asText().startsWith("com.zaxxer.hikari")
                        && n.path("level").asText().equals("INFO"));
    }

    @Test
    void aWorkerJarLogsTextLinesWhenAsked() throws Exception {
        List<String> lines = runAndStop("text");

        assertThat(lines).anyMatch(l -> l.matches("\\d\\d:\\d\\d:\\d\\d\\.\\d{3} INFO  main {19}Worker {19}worker ai@.* "
                + "started: queue ai.*"));
        assertThat(lines).noneMatch(l -> l.contains("HikariPool") || l.startsWith("{"));
    }

    /** Runs the worker-ai jar until it logged its start, stops it with SIGTERM; its stderr lines. */
    private List<String> runAndStop(String format) throws IOException, InterruptedException {
        Process migrate = workerAi(dir.resolve("migrate-" + format + ".log"), "migrate", "--app-tables");
        assertThat(migrate.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(migrate.exitValue()).as("migrate: %s", read(dir.resolve("migrate-" + format + ".log"))).isZero();

        Path out = dir.resolve("worker-" + format + ".log");
        Process worker = workerAi(out, "run", "--http-port=0", "--log-format=" + format);
        try {
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                assertThat(worker.isAlive()).as("the worker runs; its output: %s", read(out)).isTrue();
                return read(out).contains("started: queue ai");
            });
            worker.destroy(); // SIGTERM
            assertThat(worker.waitFor(30, TimeUnit.SECONDS)).as("stopped on SIGTERM").isTrue();
        } finally {
            worker.destroyForcibly();
        }
        return read(out).lines().filter(l -> !l.isBlank()).toList();
    }

    /** {@code java -jar worker-ai.jar ARGS} on the test database, its stderr into {@code err}. */
    private Process workerAi(Path err, String... args) throws IOException {
        Path jar = root().resolve("worker-ai/target/worker-ai.jar");
        assertThat(jar).as("built by the package phase").isRegularFile();
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", jar.toString()));
        cmd.addAll(List.of(args));
        cmd.addAll(List.of("--db-url=" + DB.config().url(), "--schema=" + DB.config().schema(),
                "--app-schema=" + DB.config().appSchema()));
        if (DB.config().user() != null) {
            cmd.add("--db-user=" + DB.config().user());
        }
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(err.toFile()).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        pb.environment().put("JOBFLEET_DB_PASSWORD", DB.config().password().reveal());
        pb.environment().put("JOBFLEET_LLM_BASE_URL", "http://127.0.0.1:9"); // no job calls it
        pb.environment().put("JOBFLEET_LLM_API_KEY", "test-key");
        pb.environment().remove("JOBFLEET_JAVA_OPTS");
        pb.environment().remove("JAVA_TOOL_OPTIONS");
        return pb.start();
    }

    private static String read(Path p) throws IOException {
        return Files.readString(p, StandardCharsets.UTF_8);
    }

    private static Path root() {
        return Path.of(System.getProperty("jobfleet.root", "..")).toAbsolutePath().normalize();
    }
}
