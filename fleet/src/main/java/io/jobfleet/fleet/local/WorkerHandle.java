package io.jobfleet.fleet.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** A worker JVM started by {@link WorkerLauncher}. */
public final class WorkerHandle implements AutoCloseable {
    private final String family;
    private final String name;
    private final Process process;
    private final Path log;

    WorkerHandle(String family, String name, Process process, Path log) {
        this.family = family;
        this.name = name;
        this.process = process;
        this.log = log;
    }

    public String family() {
        return family;
    }

    public String name() {
        return name;
    }

    public long pid() {
        return process.pid();
    }

    public Path log() {
        return log;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** True once the worker logged that it started. */
    public boolean started() {
        try {
            return Files.exists(log) && Files.readString(log, StandardCharsets.UTF_8).contains(" started");
        } catch (IOException e) {
            return false;
        }
    }

    public void signal(String signal) {
        try {
            new ProcessBuilder("kill", "-" + signal, Long.toString(pid())).start().waitFor(5, TimeUnit.SECONDS);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public void kill9() {
        process.destroyForcibly();
        waitFor(Duration.ofSeconds(10));
    }

    /** The exit code, or -1 when still running after {@code max}. */
    public int waitFor(Duration max) {
        try {
            return process.waitFor(max.toMillis(), TimeUnit.MILLISECONDS) ? process.exitValue() : -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** Stops the worker gracefully (SIGTERM), killing it if it does not exit in time. */
    @Override
    public void close() {
        if (process.isAlive()) {
            signal("TERM");
            if (waitFor(Duration.ofSeconds(30)) < 0) {
                kill9();
            }
        }
    }
}
