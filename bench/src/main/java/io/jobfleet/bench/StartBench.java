package io.jobfleet.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Start to first claim of a worker JVM ({@code bench worker}, production settings): a job is
 * pending before the process starts; measured from the process start to the job's
 * {@code started_at} (same host, same clock), median of {@code runs}. With the JVM's default flags,
 * with {@code -XX:TieredStopAtLevel=1}, and with application class-data sharing: a training run
 * with {@code -XX:ArchiveClassesAtExit} (the worker claims and runs jobs, then stops on SIGTERM and
 * writes the archive), then runs with {@code -XX:SharedArchiveFile} (JDK 17's dynamic CDS).
 */
final class StartBench {
    static final String WORKLOAD = "start";

    private final BenchServer server;
    private final Schemas schemas;
    private final Report report;

    StartBench(BenchServer server, Schemas schemas, Report report) {
        this.server = server;
        this.schemas = schemas;
        this.report = report;
    }

    void run(int runs) throws InterruptedException {
        String schema = schemas.jobfleet("jf_start");
        Path dir;
        try {
            dir = Files.createTempDirectory("jobfleet-bench-cds-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Path archive = dir.resolve("worker.jsa");
        try {
            measure(schema, runs, List.of(), "default JVM flags");
            measure(schema, runs, List.of("-XX:TieredStopAtLevel=1"), "-XX:TieredStopAtLevel=1");
            measure(schema, runs, ShippedJvm.OPTIONS, "shipped options " + String.join(" ", ShippedJvm.OPTIONS));
            // the training run, with the shipped options, as the launcher's first run writes it
            firstClaim(schema, withOptions("-XX:ArchiveClassesAtExit=" + archive));
            if (Files.isRegularFile(archive)) {
                measure(schema, runs, withOptions("-XX:SharedArchiveFile=" + archive),
                        "as shipped: CDS archive + the shipped options (./jobfleet FAMILY run)");
                measure(schema, runs, withOptions("-XX:SharedArchiveFile=" + archive, "-XX:TieredStopAtLevel=1"),
                        "as shipped, and -XX:TieredStopAtLevel=1");
                report.add(WORKLOAD, JobfleetBench.SYSTEM, "CDS archive size", size(archive) / 1048576.0, "MiB",
                        "-XX:ArchiveClassesAtExit after one worker run that claimed and completed a job");
            } else {
                report.note("start: the training run wrote no CDS archive at " + archive);
            }
        } finally {
            try {
                Files.deleteIfExists(archive);
                Files.deleteIfExists(dir);
            } catch (IOException ignored) {
                // a temporary folder
            }
            schemas.drop(schema);
        }
    }

    /** The shipped options and {@code more}. */
    private static List<String> withOptions(String... more) {
        List<String> flags = new ArrayList<>(ShippedJvm.OPTIONS);
        flags.addAll(List.of(more));
        return flags;
    }

    private void measure(String schema, int runs, List<String> flags, String label) throws InterruptedException {
        List<Double> ms = new ArrayList<>();
        List<Double> cpu = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            double[] r = firstClaim(schema, flags);
            ms.add(r[0]);
            cpu.add(r[1]);
        }
        report.add(WORKLOAD, JobfleetBench.SYSTEM, "start -> first claim [" + label + "]", Median.of(ms).orElseThrow(), "ms",
                "process start -> started_at of a job pending before it; median of " + runs + " " + ms);
        report.add(WORKLOAD, JobfleetBench.SYSTEM, "CPU to first claim [" + label + "]", Median.of(cpu).orElseThrow(), "ms",
                "user + system CPU of the JVM when its first claim is seen (/proc/PID/stat; hardly depends on other "
                        + "load); median of " + runs + " " + cpu);
    }

    /**
     * Starts a worker JVM with one job pending; returns the milliseconds from its start to the job's
     * start, and the CPU milliseconds it had used when that was seen.
     */
    private double[] firstClaim(String schema, List<String> flags) throws InterruptedException {
        String jobs = Schemas.jobs(schema);
        server.execute("TRUNCATE " + jobs + " CASCADE"); // and the jobs' checkpoints
        server.execute("INSERT INTO " + jobs + " (queue, kind) VALUES ('" + BenchHandlers.QUEUE + "', '"
                + BenchHandlers.NOOP + "')");
        Instant startedAt = Instant.now();
        try (WorkerJvm worker = WorkerJvm.start(server, schema, 8, flags)) {
            worker.awaitStarted(Duration.ofSeconds(60));
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            String started = "SELECT count(*) FROM " + jobs + " WHERE started_at IS NOT NULL";
            while (server.queryLong(started) == 0) {
                if (System.nanoTime() - deadline > 0) {
                    throw new IllegalStateException("start: the worker JVM claimed nothing within 60 s; log: " + worker.tail());
                }
                Thread.sleep(20);
            }
            long cpu = worker.cpuMillis();
            long micros = server.queryLong("SELECT (extract(epoch FROM min(started_at)) * 1e6)::bigint FROM " + jobs);
            worker.terminate(Duration.ofSeconds(30)); // a clean exit: the training run writes its archive now
            return new double[] {(micros - (startedAt.getEpochSecond() * 1_000_000L + startedAt.getNano() / 1000)) / 1000.0,
                    cpu};
        }
    }

    private static long size(Path p) {
        try {
            return Files.size(p);
        } catch (IOException e) {
            return -1;
        }
    }
}
