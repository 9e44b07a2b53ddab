package io.jobfleet.testing;

import static org.awaitility.Awaitility.await;

import io.jobfleet.config.DbConfig;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A worker started as its own JVM (by default {@link TestWorkerMain} on the test class path),
 * with its output in a log file. Closing it kills it if it still runs.
 */
public final class WorkerProcess implements AutoCloseable {
    private final Process process;
    private final Path log;

    private WorkerProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /**
     * Starts {@code mainClass} with the given arguments, the database flags appended. A {@code run}
     * serves metrics and health on any free port unless the arguments name one, so several
     * workers fit on one host.
     */
    public static WorkerProcess start(String name, String mainClass, DbConfig db, List<String> runArgs) {
        List<String> args = new ArrayList<>(runArgs);
        if (!args.isEmpty() && args.get(0).equals("run") && args.stream().noneMatch(a -> a.startsWith("--http-port"))) {
            args.add("--http-port=0");
        }
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xmx256m");
        cmd.add("-XX:TieredStopAtLevel=1");
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(mainClass);
        cmd.addAll(args);
        cmd.add("--log-format=text");
        cmd.add("--db-url=" + db.url());
        if (db.user() != null) {
            cmd.add("--db-user=" + db.user());
        }
        cmd.add("--schema=" + db.schema());
        cmd.add("--app-schema=" + db.appSchema());
        if (db.pooler().transactionMode()) {
            cmd.add("--db-pooler=transaction");
            if (db.pooler().listenUrl() != null) {
                cmd.add("--listen-url=" + db.pooler().listenUrl());
            }
        }
        try {
            Path dir = Path.of("target", "worker-logs");
            Files.createDirectories(dir);
            Path log = dir.resolve(name + "-" + System.nanoTime() + ".log");
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
            if (!db.password().isEmpty()) {
                pb.environment().put("JOBFLEET_DB_PASSWORD", db.password().reveal());
            }
            return new WorkerProcess(pb.start(), log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A {@link TestFamily} worker running {@code run} with extra flags. */
    public static WorkerProcess testWorker(String name, DbConfig db, String... runFlags) {
        List<String> args = new ArrayList<>();
        args.add("run");
        args.addAll(List.of(runFlags));
        return start(name, TestWorkerMain.class.getName(), db, args);
    }

    public long pid() {
        return process.pid();
    }

    /** The prefix of this process's worker id ({@code family@host:pid:}). */
    public String workerIdPrefix(String family) {
        return family + "@" + hostname() + ":" + pid() + ":";
    }

    public String output() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    public Path logFile() {
        return log;
    }

    /** Waits until the process has written {@code text}, failing if it exits first. */
    public WorkerProcess awaitOutput(String text, Duration max) {
        await().atMost(max).pollInterval(Duration.ofMillis(50)).until(() -> {
            if (!process.isAlive() && !output().contains(text)) {
                throw new AssertionError("worker exited with " + process.exitValue() + " before printing '" + text
                        + "':\n" + output());
            }
            return output().contains(text);
        });
        return this;
    }

    public void kill9() {
        process.destroyForcibly();
        waitFor(Duration.ofSeconds(10));
    }

    public void signal(String signal) {
        try {
            new ProcessBuilder("kill", "-" + signal, Long.toString(pid())).inheritIO().start().waitFor();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Waits for the exit; returns the exit code, or -1 when it still runs after {@code max}. */
    public int waitFor(Duration max) {
        try {
            return process.waitFor(max.toMillis(), TimeUnit.MILLISECONDS) ? process.exitValue() : -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
            waitFor(Duration.ofSeconds(10));
        }
    }

    private static String hostname() {
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            return "unknown-host";
        }
    }

    static {
        new File("target").mkdirs();
    }
}
