package io.jobfleet.bench;

import java.time.Duration;
import java.util.List;

/**
 * Resident memory of a worker JVM ({@code bench worker}, production engine and logging
 * settings, concurrency 8): at rest after start, and the peak while it drains no-op jobs, from
 * {@code /proc/PID/status} (VmRSS sampled every 50 ms, and VmHWM).
 */
final class RssBench {
    private final BenchServer server;
    private final Schemas schemas;
    private final Report report;

    RssBench(BenchServer server, Schemas schemas, Report report) {
        this.server = server;
        this.schemas = schemas;
        this.report = report;
    }

    /** One run with the JVM flags {@code flags} (empty: the JVM's defaults, as {@code ./jobfleet} runs it). */
    void run(int jobs, List<String> flags, Duration settle, Duration timeout) throws InterruptedException {
        String label = flags.isEmpty() ? "default JVM flags" : String.join(" ", flags);
        String schema = schemas.jobfleet("jf_rss");
        try (WorkerJvm worker = WorkerJvm.start(server, schema, 8, flags)) {
            String[] started = worker.awaitStarted(Duration.ofSeconds(60));
            Thread.sleep(settle.toMillis());
            long rest = worker.memoryKib("VmRSS");
            server.execute("INSERT INTO " + Schemas.jobs(schema) + " (queue, kind) SELECT '" + BenchHandlers.QUEUE
                    + "', '" + BenchHandlers.NOOP + "' FROM generate_series(1, " + jobs + ")");
            long peak = rest;
            long deadline = System.nanoTime() + timeout.toNanos();
            String remaining = "SELECT count(*) FROM " + Schemas.jobs(schema) + " WHERE status IN ('pending', 'running')";
            long t0 = System.nanoTime();
            int polls = 0;
            while (true) {
                peak = Math.max(peak, worker.memoryKib("VmRSS"));
                if (++polls % 4 == 0 && server.queryLong(remaining) == 0) {
                    break;
                }
                if (System.nanoTime() - deadline > 0) {
                    throw new IllegalStateException("rss: the worker JVM did not drain " + jobs + " jobs in time");
                }
                Thread.sleep(50);
            }
            double drainSeconds = (System.nanoTime() - t0) / 1e9;
            long hwm = worker.memoryKib("VmHWM");
            String jvm = label + " (" + started[2] + ", " + started[3] + ")";
            report.add("rss", JobfleetBench.SYSTEM, "at rest [" + label + "]", rest / 1024.0, "MiB",
                    "VmRSS " + settle.toSeconds() + " s after start, idle; " + jvm);
            report.add("rss", JobfleetBench.SYSTEM, "peak draining [" + label + "]", peak / 1024.0, "MiB",
                    "max VmRSS sampled every 50 ms while draining " + jobs + " no-op jobs (c=8) in "
                            + Report.number(drainSeconds) + " s");
            report.add("rss", JobfleetBench.SYSTEM, "VmHWM [" + label + "]", hwm / 1024.0, "MiB",
                    "kernel's peak RSS of the process, start included");
            worker.terminate(Duration.ofSeconds(30));
        } finally {
            schemas.drop(schema);
        }
    }
}
