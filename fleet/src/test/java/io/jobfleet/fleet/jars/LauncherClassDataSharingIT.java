package io.jobfleet.fleet.jars;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.jobfleet.testing.TestDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher's class-data sharing, on the worker jar the package phase built: a run that stops
 * at a wrong flag writes no archive; the first run that claimed writes the list of its classes and,
 * once stopped with SIGTERM, the launcher dumps a static archive from it; the next run maps that
 * archive ({@code -Xshare:on} makes the JVM refuse to start when it cannot). The launcher and the
 * jar are copied into a folder of their own, so the test neither builds nor touches target/.
 */
class LauncherClassDataSharingIT {
    @RegisterExtension
    static final TestDatabase DB = new TestDatabase();

    @TempDir
    Path dir;

    private static Path root() {
        return Path.of(System.getProperty("jobfleet.root", "..")).toAbsolutePath().normalize();
    }

    @Test
    void theFirstCleanRunWritesAStaticArchiveThatTheNextRunMaps() throws Exception {
        Path launcher = dir.resolve("jobfleet");
        Files.copy(root().resolve("jobfleet"), launcher);
        Path target = Files.createDirectories(dir.resolve("worker-ai/target"));
        Files.copy(root().resolve("worker-ai/target/worker-ai.jar"), target.resolve("worker-ai.jar"),
                StandardCopyOption.COPY_ATTRIBUTES);
        Path archive = target.resolve("worker-ai.jsa");

        assertThat(launch(launcher, Map.of(), "migrate", "--app-tables").waitFor(120, TimeUnit.SECONDS)).isTrue();

        Process wrongFlag = launch(launcher, Map.of(), "run", "--no-such-flag");
        assertThat(wrongFlag.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(wrongFlag.exitValue()).as("usage error").isEqualTo(2);
        assertThat(archive).as("no archive from a run that never claimed").doesNotExist();

        Process first = launch(launcher, Map.of(), "run");
        awaitRegisteredSince(dbNow(), first);
        first.destroy(); // SIGTERM to the launcher, which passes it on
        assertThat(first.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(first.exitValue()).isZero();
        assertThat(archive).isRegularFile();
        assertThat(Files.size(archive)).isGreaterThan(1 << 20);
        try (var left = Files.list(target)) {
            assertThat(left.map(p -> p.getFileName().toString()))
                    .as("no class list or half-written archive left").containsExactlyInAnyOrder("worker-ai.jar", "worker-ai.jsa");
        }

        String beforeSecond = dbNow();
        Process second = launch(launcher, Map.of("JOBFLEET_JAVA_OPTS", "-Xshare:on"), "run");
        awaitRegisteredSince(beforeSecond, second);
        second.destroy();
        assertThat(second.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(second.exitValue()).as("the JVM mapped the archive (-Xshare:on); output: %s",
                Files.readString(dir.resolve("out-3.log"))).isZero();
        assertThat(Files.readString(dir.resolve("out-3.log"))).doesNotContain("writing the class-data sharing archive");
    }

    private int launches;

    private Process launch(Path launcher, Map<String, String> env, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of("bash", launcher.toString(), "ai"));
        cmd.addAll(List.of(args));
        cmd.addAll(List.of("--db-url=" + DB.config().url(), "--schema=" + DB.config().schema(),
                "--app-schema=" + DB.config().appSchema()));
        if (args[0].equals("run")) {
            cmd.addAll(List.of("--http-port=0", "--log-format=text"));
        }
        if (DB.config().user() != null) {
            cmd.add("--db-user=" + DB.config().user());
        }
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(dir.resolve("out-" + launches++ + ".log").toFile());
        pb.environment().put("JOBFLEET_DB_PASSWORD", DB.config().password().reveal());
        pb.environment().put("JOBFLEET_LLM_BASE_URL", "http://127.0.0.1:9"); // no job calls it
        pb.environment().put("JOBFLEET_LLM_API_KEY", "test-key");
        pb.environment().remove("JOBFLEET_JAVA_OPTS");
        pb.environment().remove("JOBFLEET_CDS");
        pb.environment().putAll(env);
        return pb.start();
    }

    private static String dbNow() {
        return DB.db().jdbi().withHandle(h -> h.createQuery("SELECT CAST(clock_timestamp() AS text)").mapTo(String.class).one());
    }

    /** A worker registers once its first claim round was answered. */
    private static void awaitRegisteredSince(String since, Process launcher) {
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            assertThat(launcher.isAlive()).as("the worker is still running").isTrue();
            return DB.db().jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM " + DB.table("workers")
                    + " WHERE started_at > CAST(:since AS timestamptz)").bind("since", since).mapTo(Integer.class).one()) > 0;
        });
    }
}
