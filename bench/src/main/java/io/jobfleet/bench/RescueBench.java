package io.jobfleet.bench;

import io.jobfleet.config.EngineConfig;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Rescue after SIGKILL, across JVMs: a worker JVM claims jobs that sleep on their first attempt, a
 * second worker JVM starts, the first is killed with {@code kill -9}; measured from the kill to
 * each job's {@code worker_lost} entry (its {@code at}) and to its completion, with the default
 * lease (15 s) and rescue interval (5 s).
 */
final class RescueBench {
    private static final int JOBS = 4;

    private final BenchServer server;
    private final Schemas schemas;
    private final Report report;

    RescueBench(BenchServer server, Schemas schemas, Report report) {
        this.server = server;
        this.schemas = schemas;
        this.report = report;
    }

    void run() throws InterruptedException {
        String schema = schemas.jobfleet("jf_rescue");
        String jobs = Schemas.jobs(schema);
        server.execute("INSERT INTO " + jobs + " (queue, kind) SELECT '" + BenchHandlers.QUEUE + "', '"
                + BenchHandlers.SLEEP_FIRST + "' FROM generate_series(1, " + JOBS + ")");
        List<String> flags = ShippedJvm.OPTIONS;
        try (WorkerJvm victim = WorkerJvm.start(server, schema, JOBS, flags)) {
            String victimId = victim.awaitStarted(Duration.ofSeconds(60))[1];
            awaitCount("SELECT count(*) FROM " + jobs + " WHERE status = 'running' AND locked_by = '" + victimId + "'",
                    JOBS, Duration.ofSeconds(60));
            try (WorkerJvm survivor = WorkerJvm.start(server, schema, JOBS, flags)) {
                survivor.awaitStarted(Duration.ofSeconds(60));
                measure(victim, jobs);
            }
        } finally {
            schemas.drop(schema);
        }
    }

    private void measure(WorkerJvm victim, String jobs) throws InterruptedException {
        double leaseLeft = server.queryLong("SELECT (extract(epoch FROM min(lease_until) - now()) * 1000)::bigint FROM "
                + jobs) / 1000.0;
        Instant killedAt = Instant.now();
        victim.kill9();
        awaitCount("SELECT count(*) FROM " + jobs + " WHERE status = 'completed'", JOBS, Duration.ofSeconds(120));
        double[] rescue = seconds("(errors -> 0 ->> 'at')::timestamptz", jobs, killedAt);
        double[] completed = seconds("completed_at", jobs, killedAt);
        long lost = server.queryLong("SELECT count(*) FROM " + jobs + " WHERE errors -> 0 ->> 'class' = 'worker_lost' "
                + "AND attempts = 2");
        JobfleetBench.check(lost == JOBS, "rescue: " + lost + " of " + JOBS + " jobs carry a worker_lost entry");
        String how = "kill -9 of a worker JVM holding " + JOBS + " jobs, another worker JVM running; lease "
                + EngineConfig.LEASE_DEFAULT.toSeconds() + " s, rescue interval "
                + EngineConfig.RESCUE_INTERVAL_DEFAULT.toSeconds() + " s (defaults)";
        report.add("rescue", JobfleetBench.SYSTEM, "kill -> rescued (slowest job)", rescue[1], "s",
                how + "; worker_lost entry's at");
        report.add("rescue", JobfleetBench.SYSTEM, "kill -> rescued (fastest job)", rescue[0], "s", "same");
        report.add("rescue", JobfleetBench.SYSTEM, "kill -> completed (slowest job)", completed[1], "s",
                "completed_at of the rescued jobs");
        report.add("rescue", JobfleetBench.SYSTEM, "lease left at the kill", leaseLeft, "s",
                "min(lease_until) - now() just before the kill: the part of the wait set by the lease");
    }

    private void awaitCount(String sql, long expected, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        long n = -1;
        while (System.nanoTime() - deadline < 0) {
            n = server.queryLong(sql);
            if (n == expected) {
                return;
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("rescue: waited " + timeout.toSeconds() + " s for " + expected + " but saw " + n
                + ": " + sql);
    }

    /** Min and max of {@code column - killedAt} over the jobs, in seconds. */
    private double[] seconds(String column, String jobs, Instant killedAt) {
        String sql = "SELECT min(extract(epoch FROM " + column + ")), max(extract(epoch FROM " + column + ")) FROM " + jobs;
        try (Connection c = server.admin().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            double kill = killedAt.getEpochSecond() + killedAt.getNano() / 1e9;
            return new double[] {rs.getDouble(1) - kill, rs.getDouble(2) - kill};
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
