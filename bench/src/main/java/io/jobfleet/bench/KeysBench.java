package io.jobfleet.bench;

import io.jobfleet.config.EngineConfig;
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
    private final JobfleetBench jobfleet;
    private final Duration timeout;

    /** {@code jobfleet} drains the jobs; built with the worker's default prefetch. */
    KeysBench(BenchServer server, Schemas schemas, JobfleetBench jobfleet, Duration timeout) {
        this.server = server;
        this.schemas = schemas;
        this.jobfleet = jobfleet;
        this.timeout = timeout;
    }

    Interleaved runs() {
        return new Interleaved().settleWith(server::settle)
                .add(NONE, (into, n, c) -> drain(into, NONE, n, c, 0))
                .add(THOUSAND, (into, n, c) -> drain(into, THOUSAND, n, c, 1_000))
                .add(HOT, (into, n, c) -> drain(into, HOT, Math.min(n, HOT_JOBS_MAX), c, 1));
    }

    /** Drains {@code jobs} no-op jobs over {@code keys} ordered keys (0: no key rule) with the worker's defaults. */
    private void drain(Report into, String system, int jobs, int concurrency, int keys) throws InterruptedException {
        String schema = schemas.jobfleet("jf_keys_" + keys + "_" + concurrency);
        if (keys > 0) {
            server.execute("INSERT INTO " + Schemas.quote(schema) + ".key_limits (queue, max_per_key, ordered) VALUES ('"
                    + BenchHandlers.QUEUE + "', 1, true)");
        }
        JobfleetBench.Drained d = jobfleet.drain(schema, jobs, concurrency, timeout,
                keys > 0 ? "'k' || (i % " + keys + ")" : null);
        into.add(WORKLOAD, system, "jobs/s c=" + concurrency, d.jobsPerSecond(), "jobs/s", String.format(Locale.ROOT,
                "%d no-op jobs, 1 process, the worker's defaults (prefetch %s)", jobs, EngineConfig.PREFETCH_DEFAULT_TEXT));
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
