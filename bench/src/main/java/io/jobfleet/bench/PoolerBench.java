package io.jobfleet.bench;

import io.jobfleet.testing.PgBouncerProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

/**
 * jobfleet through a real PgBouncer in {@code pool_mode = transaction} (Debian's {@code
 * pgbouncer}, started by the bench in front of its server, as Supabase's pooler or RDS Proxy sit
 * in front of an app's database), beside the same workloads on direct connections, in one process:
 * no-op throughput with the worker's defaults (interleaved, median of the runs) and enqueue-to-start
 * latency. The worker runs as a user behind such a pooler would run it: {@code
 * --db-pooler=transaction} (no server-side prepared statements) and LISTEN on a direct connection
 * ({@code --listen-url}); the app's enqueues go through the pooler too.
 */
final class PoolerBench {
    static final String WORKLOAD = "pooler";
    static final String DIRECT = "jobfleet, direct";
    static final String POOLED = "jobfleet via PgBouncer";

    private final BenchServer server;
    private final Schemas schemas;
    private final StatementStats statements;
    private final Report report;

    PoolerBench(BenchServer server, Schemas schemas, Report report, StatementStats statements) {
        this.server = server;
        this.schemas = schemas;
        this.report = report;
        this.statements = statements;
    }

    void run(BenchMain.Runs runs, int jobs, int concurrency, int repeats, int latencyJobs, Duration timeout) {
        Path binary = PgBouncerProcess.binary().orElseThrow(() -> new IllegalStateException(
                "pooler: pgbouncer is not installed (apt-get install pgbouncer)"));
        int serverConnections = concurrency + 8;
        try (PgBouncerProcess bouncer = PgBouncerProcess.start(binary, server.url(), server.user(), server.password(),
                serverConnections)) {
            String how = String.format(Locale.ROOT, "%d no-op jobs, 1 process, the worker's defaults; ", jobs);
            String pooled = how + "PgBouncer pool_mode = transaction, " + serverConnections + " server connections, "
                    + "--db-pooler=transaction, LISTEN on a direct connection";
            new Interleaved().settleWith(server::settle)
                    .add(DIRECT, (into, n, c) -> drain(into, DIRECT, direct(into), n, c, timeout,
                            how + "direct connections"))
                    .add(POOLED, (into, n, c) -> drain(into, POOLED, direct(into).through(bouncer.url()), n, c,
                            timeout, pooled))
                    .run(runs, report, WORKLOAD, jobs, concurrency, repeats);
            runs.run("pooler latency direct", () -> latency(DIRECT, direct(report), latencyJobs));
            runs.run("pooler latency via PgBouncer", () -> latency(POOLED, direct(report).through(bouncer.url()),
                    latencyJobs));
            ratios(concurrency);
        }
    }

    private JobfleetBench direct(Report into) {
        return new JobfleetBench(server, schemas, into, statements, null);
    }

    private void drain(Report into, String system, JobfleetBench bench, int jobs, int concurrency, Duration timeout,
                       String how) throws InterruptedException {
        String schema = schemas.jobfleet("jf_pooler_" + (system.equals(DIRECT) ? "direct" : "bouncer"));
        JobfleetBench.Drained d = bench.drain(schema, jobs, concurrency, timeout);
        into.add(WORKLOAD, system, "jobs/s c=" + concurrency, d.jobsPerSecond(), "jobs/s", how);
        schemas.drop(schema);
    }

    private void latency(String system, JobfleetBench bench, int jobs) throws InterruptedException {
        Latencies afterEnqueue = new Latencies();
        Latencies clock = bench.latencyRun(jobs, afterEnqueue);
        report.add(WORKLOAD, system, "latency p50", clock.percentile(50), "ms",
                "handler start - just before the enqueue statement, as the latency workload; " + jobs + " jobs");
        report.add(WORKLOAD, system, "latency p99", clock.percentile(99), "ms", "same");
    }

    private void ratios(int concurrency) {
        for (String name : new String[] {"jobs/s c=" + concurrency, "latency p50"}) {
            report.find(WORKLOAD, DIRECT, name).ifPresent(direct -> report.find(WORKLOAD, POOLED, name).ifPresent(
                    pooled -> report.add(WORKLOAD, POOLED, name + " vs direct", pooled.value() / direct.value(), "x",
                            "via PgBouncer / direct, same process")));
        }
    }
}
