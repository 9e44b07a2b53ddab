package io.jobfleet.bench;

import io.jobfleet.config.EngineConfig;
import io.jobfleet.db.Database;
import io.jobfleet.engine.Worker;
import java.time.Duration;
import java.util.Locale;

/**
 * No-op throughput under key rules (issue: fleet-wide flow control), interleaved in one process:
 * no key rule (the claim's set-based path), 1,000 ordered keys (the claim walks the pending jobs
 * through {@code claim_flow}), and one ordered hot key (every job waits for the previous one).
 */
final class KeysBench {
    static final String WORKLOAD = "keys";
    static final String NONE = "jobfleet, no key rule";
    static final String THOUSAND = "jobfleet, 1,000 ordered keys";
    static final String HOT = "jobfleet, one ordered key";
    /** One ordered key runs its jobs one after the other: fewer of them keep the run short. */
    static final int HOT_JOBS_MAX = 500;

    private final BenchServer server;
    private final Schemas schemas;
    private final Duration timeout;

    KeysBench(BenchServer server, Schemas schemas, Duration timeout) {
        this.server = server;
        this.schemas = schemas;
        this.timeout = timeout;
    }

    Interleaved runs() {
        return new Interleaved()
                .add(NONE, (into, n, c) -> drain(into, NONE, n, c, 0))
                .add(THOUSAND, (into, n, c) -> drain(into, THOUSAND, n, c, 1_000))
                .add(HOT, (into, n, c) -> drain(into, HOT, Math.min(n, HOT_JOBS_MAX), c, 1));
    }

    /** Drains {@code jobs} no-op jobs over {@code keys} ordered keys (0: no key rule) with the worker's defaults. */
    private void drain(Report into, String system, int jobs, int concurrency, int keys) throws InterruptedException {
        String schema = schemas.jobfleet("jf_keys_" + keys + "_" + concurrency);
        String jobsTable = Schemas.jobs(schema);
        if (keys > 0) {
            server.execute("INSERT INTO " + Schemas.quote(schema) + ".key_limits (queue, max_per_key, ordered) VALUES ('"
                    + BenchHandlers.QUEUE + "', 1, true)");
        }
        server.execute("INSERT INTO " + jobsTable + " (queue, kind, concurrency_key) SELECT '" + BenchHandlers.QUEUE
                + "', '" + BenchHandlers.NOOP + "', " + (keys > 0 ? "'k' || (i % " + keys + ")" : "NULL")
                + " FROM generate_series(1, " + jobs + ") i");
        server.execute("ANALYZE " + jobsTable);
        StartMarks marks = new StartMarks(jobs);
        EngineConfig config = EngineConfig.builder(BenchHandlers.QUEUE).concurrency(concurrency).build();
        long end;
        try (Database db = Database.open(server.dbConfig(schema, concurrency + 4), "jobfleet-bench-keys")) {
            Worker worker = JobfleetBench.worker(db, config, BenchHandlers.noop(marks));
            worker.start();
            try {
                end = Drain.awaitEmpty(server.admin(), "SELECT count(*) FROM " + jobsTable
                        + " WHERE status IN ('pending', 'running')", marks, timeout);
            } finally {
                worker.shutdown(Duration.ofSeconds(5));
            }
        }
        long completed = server.queryLong("SELECT count(*) FROM " + jobsTable + " WHERE status = 'completed'");
        JobfleetBench.check(completed == jobs && marks.count() == jobs, system + ": " + completed + " completed, "
                + marks.count() + " handler runs, expected " + jobs);
        double seconds = (end - marks.firstNanos()) / 1e9;
        into.add(WORKLOAD, system, "jobs/s c=" + concurrency, jobs / seconds, "jobs/s", String.format(Locale.ROOT,
                "%d no-op jobs, 1 process, the worker's defaults (prefetch %d)", jobs, EngineConfig.PREFETCH_DEFAULT));
        schemas.drop(schema);
    }

    /** The keyed runs' throughput as a share of the run without keys, per concurrency. */
    static void ratios(Report report, Iterable<Integer> concurrency) {
        for (int c : concurrency) {
            String name = "jobs/s c=" + c;
            report.find(WORKLOAD, NONE, name).ifPresent(none -> {
                for (String system : new String[] {THOUSAND, HOT}) {
                    report.find(WORKLOAD, system, name).ifPresent(keyed -> report.add(WORKLOAD, system,
                            "ratio to no key rule c=" + c, keyed.value() / none.value(), "x",
                            "jobs/s of this run / jobs/s of the run without a key rule, same process"));
                }
            });
        }
    }
}
