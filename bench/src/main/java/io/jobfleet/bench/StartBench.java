package io.jobfleet.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Start to first claim of a worker JVM ({@code bench worker}, production settings): a job is
 * pending before the process starts; measured from the process start to the job's
 * {@code started_at} (same host, same clock), median of {@code runs}. With the JVM's default flags,
 * with {@code -XX:TieredStopAtLevel=1}, and with application class-data sharing, both kinds JDK 17
 * has, measured taking turns: a static archive ({@code -Xshare:dump} of the class list that a
 * training run wrote with {@code -XX:DumpLoadedClassList}, as the launcher makes it), and a dynamic
 * one (a training run with {@code -XX:ArchiveClassesAtExit}, written when it stops on SIGTERM). The
 * dynamic archive leaves out classes compiled for Java 5 (Picocli's); the static one maps them too.
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

    /**
     * Measures the starts, {@code runs} of each variant; {@code extraFlags}: more variants, each the
     * worker as shipped with those flags added, taking turns with it as shipped.
     */
    void run(int runs, List<List<String>> extraFlags) throws InterruptedException {
        String schema = schemas.jobfleet("jf_start");
        Path dir;
        try {
            dir = Files.createTempDirectory("jobfleet-bench-cds-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Path archive = dir.resolve("worker.jsa");
        Path classList = dir.resolve("worker.classlist");
        Path staticArchive = dir.resolve("worker-static.jsa");
        try {
            measure(schema, runs, List.of(), "default JVM flags");
            measure(schema, runs, List.of("-XX:TieredStopAtLevel=1"), "-XX:TieredStopAtLevel=1");
            measure(schema, runs, ShippedJvm.OPTIONS, "shipped options " + String.join(" ", ShippedJvm.OPTIONS));
            // the training runs, with the shipped options: one writes JDK 17's dynamic archive when
            // it exits, the other the list of the classes it loaded, from which a static archive is
            // dumped (as the launcher's first run does)
            firstClaim(schema, withOptions("-XX:ArchiveClassesAtExit=" + archive));
            firstClaim(schema, withOptions("-XX:DumpLoadedClassList=" + classList));
            dumpStatic(classList, staticArchive);
            if (Files.isRegularFile(archive) && Files.isRegularFile(staticArchive)) {
                Map<String, List<String>> archives = new LinkedHashMap<>();
                // -Xshare:on: a JVM that cannot map the archive (a jar that is not the one it was
                // dumped for, another JDK) fails to start instead of quietly starting without it
                archives.put("as shipped: static CDS archive + the shipped options (./jobfleet FAMILY run)",
                        withOptions("-Xshare:on", "-XX:SharedArchiveFile=" + staticArchive));
                archives.put("dynamic CDS archive (-XX:ArchiveClassesAtExit) + the shipped options",
                        withOptions("-Xshare:on", "-XX:SharedArchiveFile=" + archive));
                archives.putAll(variants("as shipped", withOptions("-Xshare:on", "-XX:SharedArchiveFile=" + staticArchive),
                        extraFlags));
                measure(schema, runs, archives);
                measure(schema, runs, withOptions("-Xshare:on", "-XX:SharedArchiveFile=" + staticArchive,
                        "-XX:TieredStopAtLevel=1"), "as shipped, and -XX:TieredStopAtLevel=1");
                report.add(WORKLOAD, JobfleetBench.SYSTEM, "CDS archive size [static]", size(staticArchive) / 1048576.0,
                        "MiB", "-Xshare:dump of the classes one worker run loaded (it claimed and completed a job); "
                                + "JDK classes included");
                report.add(WORKLOAD, JobfleetBench.SYSTEM, "CDS archive size [dynamic]", size(archive) / 1048576.0, "MiB",
                        "-XX:ArchiveClassesAtExit after one worker run that claimed and completed a job; on top of "
                                + "the JDK's own archive");
            } else {
                report.note("start: the training runs wrote no CDS archive (dynamic " + Files.isRegularFile(archive)
                        + ", static " + Files.isRegularFile(staticArchive) + ") in " + dir);
                // the --start-flags variants then on the shipped options alone
                Map<String, List<String>> variants = variants("shipped options", ShippedJvm.OPTIONS, extraFlags);
                if (!variants.isEmpty()) {
                    measure(schema, runs, variants);
                }
            }
        } finally {
            for (Path p : List.of(archive, classList, staticArchive, dir)) {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException ignored) {
                    // a temporary folder
                }
            }
            schemas.drop(schema);
        }
    }

    /**
     * Dumps a static CDS archive of the classes in {@code classList} with the shipped options, as
     * the launcher does after a worker's first run.
     */
    private static void dumpStatic(Path classList, Path archive) throws InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(ShippedJvm.OPTIONS);
        cmd.addAll(List.of("-Xshare:dump", "-XX:SharedClassListFile=" + classList, "-XX:SharedArchiveFile=" + archive,
                "-cp", WorkerJvm.classPath()));
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot dump a CDS archive", e);
        }
    }

    /** The --start-flags variants: {@code base} with each of {@code extraFlags} added, as "LABEL, and FLAGS". */
    private static Map<String, List<String>> variants(String label, List<String> base, List<List<String>> extraFlags) {
        Map<String, List<String>> variants = new LinkedHashMap<>();
        for (List<String> extra : extraFlags) {
            List<String> flags = new ArrayList<>(base);
            flags.addAll(extra);
            variants.put(label + ", and " + String.join(" ", extra), flags);
        }
        return variants;
    }

    /** The shipped options and {@code more}. */
    private static List<String> withOptions(String... more) {
        List<String> flags = new ArrayList<>(ShippedJvm.OPTIONS);
        flags.addAll(List.of(more));
        return flags;
    }

    private void measure(String schema, int runs, List<String> flags, String label) throws InterruptedException {
        measure(schema, runs, Map.of(label, flags));
    }

    /**
     * Measures each of {@code flagSets} (label to flags) {@code runs} times; several take turns
     * start by start, so that a slower minute of the machine meets all of them.
     */
    private void measure(String schema, int runs, Map<String, List<String>> flagSets) throws InterruptedException {
        Map<String, List<double[]>> results = new LinkedHashMap<>();
        for (int i = 0; i < runs; i++) {
            for (Map.Entry<String, List<String>> e : flagSets.entrySet()) {
                results.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(firstClaim(schema, e.getValue()));
            }
        }
        String of = runs + (flagSets.size() > 1 ? ", taking turns with the other archive" : "");
        results.forEach((label, rs) -> {
            List<Double> ms = rs.stream().map(r -> r[0]).toList();
            List<Double> cpu = rs.stream().map(r -> r[1]).toList();
            report.add(WORKLOAD, JobfleetBench.SYSTEM, "start -> first claim [" + label + "]", Median.of(ms).orElseThrow(),
                    "ms", "process start -> started_at of a job pending before it; median of " + of + " " + ms);
            report.add(WORKLOAD, JobfleetBench.SYSTEM, "CPU to first claim [" + label + "]", Median.of(cpu).orElseThrow(),
                    "ms", "user + system CPU of the JVM when its first claim is seen (/proc/PID/stat; hardly depends on "
                            + "other load); median of " + of + " " + cpu);
        });
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
