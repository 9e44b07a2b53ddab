package io.jobfleet.bench;

import io.jobfleet.config.WorkerEnvironment;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A {@code bench worker} started as its own JVM from the bench's own class path (a copy of the
 * bench's jar taken at the first start, {@link #classPath}). Its logs go to a file; its stdout lines
 * are kept for {@link #awaitStarted}. Closing it kills it if it still runs.
 */
final class WorkerJvm implements AutoCloseable {
    private static Path jarCopy;

    private final Process process;
    private final Path log;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();

    private WorkerJvm(Process process, Path log) {
        this.process = process;
        this.log = log;
        Thread reader = new Thread(this::readStdout, "bench-worker-stdout-" + process.pid());
        reader.setDaemon(true);
        reader.start();
    }

    static WorkerJvm start(BenchServer server, String schema, int concurrency, List<String> jvmFlags) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(jvmFlags);
        // the production logging set-up (worker-common's LogConfigurator, JSON), into a log file
        cmd.add("-Djobfleet.log.format=json");
        cmd.add("-cp");
        cmd.add(classPath());
        cmd.add(BenchMain.class.getName());
        cmd.add("worker");
        cmd.add("--db-url=" + server.url());
        if (server.user() != null) {
            cmd.add("--db-user=" + server.user());
        }
        cmd.add("--schema=" + schema);
        cmd.add("--concurrency=" + concurrency);
        try {
            Path log = Files.createTempFile("jobfleet-bench-worker-", ".log");
            ProcessBuilder pb = WorkerEnvironment.withoutShellSettings(new ProcessBuilder(cmd)).redirectError(log.toFile());
            pb.environment().put("JOBFLEET_BENCH_DB_PASSWORD", server.password());
            return new WorkerJvm(pb.start(), log);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start a worker JVM", e);
        }
    }

    /**
     * The class path of the worker JVMs: when the bench runs from its jar, a copy of that jar made
     * once per bench run, so that a build during a run (which rewrites {@code target/}) changes
     * neither the code the workers run nor the jar a class-data sharing archive was dumped for (the
     * JVM then quietly starts without the archive, and the start would be measured without it).
     * Run from a directory class path (the tests), that class path as it is.
     */
    static synchronized String classPath() {
        String own = System.getProperty("java.class.path");
        if (own.contains(File.pathSeparator) || !own.endsWith(".jar") || !Files.isRegularFile(Path.of(own))) {
            return own;
        }
        if (jarCopy == null) {
            try {
                Path copy = Files.createTempFile("jobfleet-bench-", ".jar");
                Files.copy(Path.of(own), copy, StandardCopyOption.REPLACE_EXISTING);
                copy.toFile().deleteOnExit();
                jarCopy = copy;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot copy the bench's jar " + own, e);
            }
        }
        return jarCopy.toString();
    }

    private void readStdout() {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                lines.add(line);
            }
        } catch (IOException ignored) {
            // the process ended
        }
    }

    /** Waits for the {@code started WORKER_ID ...} line; returns it split on spaces. */
    String[] awaitStarted(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() - deadline < 0) {
            String line = lines.poll(100, TimeUnit.MILLISECONDS);
            if (line != null && line.startsWith("started ")) {
                return line.split(" ");
            }
            if (line == null && !process.isAlive()) {
                throw new IllegalStateException("worker JVM exited with " + process.exitValue() + "; log: " + tail());
            }
        }
        throw new IllegalStateException("worker JVM did not start within " + timeout.toSeconds() + " s; log: " + tail());
    }

    long pid() {
        return process.pid();
    }

    /** {@code VmRSS} or {@code VmHWM} (peak) of {@code /proc/PID/status}, in KiB; -1 when unreadable. */
    long memoryKib(String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid()), "status"))) {
                if (line.startsWith(field + ":")) {
                    return Long.parseLong(line.substring(field.length() + 1).replace("kB", "").strip());
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }

    /**
     * CPU time the process has used so far (user + system, from {@code /proc/PID/stat}), in
     * milliseconds; -1 when unreadable. Unlike wall time it hardly depends on other load.
     */
    long cpuMillis() {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid()), "stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            // after "(comm)": state is field 3, utime field 14, stime field 15
            return (Long.parseLong(f[11]) + Long.parseLong(f[12])) * 10; // USER_HZ 100
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** SIGKILL, then waits for the exit. */
    void kill9() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    /** SIGTERM (graceful shutdown), then waits up to {@code max}. */
    void terminate(Duration max) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(max.toMillis(), TimeUnit.MILLISECONDS)) {
            kill9();
        }
    }

    String tail() {
        try {
            List<String> all = Files.readAllLines(log);
            return String.join("\n", all.subList(Math.max(0, all.size() - 20), all.size()));
        } catch (IOException e) {
            return "(no log)";
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
            try {
                process.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        try {
            Files.deleteIfExists(log);
        } catch (IOException ignored) {
            // a temporary file
        }
    }
}
