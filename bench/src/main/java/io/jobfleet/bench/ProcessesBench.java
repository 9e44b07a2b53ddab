package io.jobfleet.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Scaling by process count: the same total of handler threads split over 1, 2, 4, ... worker JVMs
 * ({@code bench worker}: the worker's defaults, the shipped JVM options), which drain one batch of
 * no-op jobs together. Reports the aggregate throughput (DB timestamps: first start to last
 * completion) and the database connections the fleet held, in all and per process.
 */
final class ProcessesBench {
    static final String WORKLOAD = "processes";

    private final BenchServer server;
    private final Schemas schemas;
    private final Report report;

    ProcessesBench(BenchServer server, Schemas schemas, Report report) {
        this.server = server;
        this.schemas = schemas;
        this.report = report;
    }

    void run(int processes, int totalThreads, int jobs, Duration timeout) throws InterruptedException {
        int threads = Math.max(1, totalThreads / processes);
        String schema = schemas.jobfleet("jf_processes_" + processes);
        List<WorkerJvm> fleet = new ArrayList<>();
        try {
            for (int i = 0; i < processes; i++) {
                fleet.add(WorkerJvm.start(server, schema, threads, ShippedJvm.OPTIONS));
            }
            for (WorkerJvm w : fleet) {
                w.awaitStarted(Duration.ofSeconds(120));
            }
            server.execute("INSERT INTO " + Schemas.jobs(schema) + " (queue, kind) SELECT '" + BenchHandlers.QUEUE
                    + "', '" + BenchHandlers.NOOP + "' FROM generate_series(1, " + jobs + ")");
            long t0 = System.nanoTime();
            int peakConnections = awaitDrained(schema, timeout);
            double wallSeconds = (System.nanoTime() - t0) / 1e9;
            double dbSeconds = server.queryLong("SELECT (extract(epoch FROM max(completed_at) - min(started_at)) * 1e6)::bigint "
                    + "FROM " + Schemas.jobs(schema)) / 1e6;
            long completed = server.queryLong("SELECT count(*) FROM " + Schemas.jobs(schema) + " WHERE status = 'completed'");
            JobfleetBench.check(completed == jobs, "processes: " + completed + " of " + jobs + " jobs completed");
            String p = processes + " x " + threads + " threads";
            report.add(WORKLOAD, JobfleetBench.SYSTEM, "jobs/s [" + p + "]", jobs / dbSeconds, "jobs/s",
                    jobs + " no-op jobs, worker defaults; min(started_at) -> max(completed_at)");
            report.add(WORKLOAD, JobfleetBench.SYSTEM, "jobs/s wall [" + p + "]", jobs / wallSeconds, "jobs/s",
                    "insert committed -> drain seen in DB");
            report.add(WORKLOAD, JobfleetBench.SYSTEM, "connections [" + p + "]", peakConnections, "conns",
                    "most server connections of the fleet seen while draining (pools and LISTEN)");
            report.add(WORKLOAD, JobfleetBench.SYSTEM, "connections/process [" + p + "]",
                    (double) peakConnections / processes, "conns", "the line above / processes");
            for (WorkerJvm w : fleet) {
                w.terminate(Duration.ofSeconds(30));
            }
        } finally {
            fleet.forEach(WorkerJvm::close);
            schemas.drop(schema);
        }
    }

    /** Polls the jobs left and the fleet's connections until none is left; returns the most connections seen. */
    private int awaitDrained(String schema, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        int peak = 0;
        String sql = Drain.MARK + "SELECT (SELECT count(*) FROM " + Schemas.jobs(schema)
                + " WHERE status IN ('pending', 'running')), (SELECT count(*) FROM pg_stat_activity "
                + "WHERE datname = current_database() AND (application_name = '" + WorkerCommand.POOL_NAME
                + "' OR application_name LIKE 'jobfleet-listen %'))";
        try (Connection c = server.admin().getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            while (System.nanoTime() - deadline < 0) {
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    peak = Math.max(peak, rs.getInt(2));
                    if (rs.getLong(1) == 0) {
                        return peak;
                    }
                }
                Thread.sleep(Drain.POLL.toMillis() * 4);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("processes: drain poll failed: " + e.getMessage(), e);
        }
        throw new IllegalStateException("processes: jobs left after " + timeout.toSeconds() + " s");
    }
}
