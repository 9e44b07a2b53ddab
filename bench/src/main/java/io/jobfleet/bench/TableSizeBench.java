package io.jobfleet.bench;

import io.jobfleet.config.EngineConfig;
import io.jobfleet.db.Database;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Whether the cost of a job stays flat as the jobs table grows: the same drain of no-op jobs (one
 * worker, the throughput setting) on a table that already holds N finished jobs of the same queue,
 * and on one that holds a backlog of pending jobs of another queue. Reports throughput, the claim
 * statement's mean time (pg_stat_statements) and each against the empty table, and prints the
 * claim's plan ({@code EXPLAIN ANALYZE, BUFFERS}) on each table.
 */
final class TableSizeBench {
    static final String WORKLOAD = "table-size";
    /** The kind of the finished rows that fill the table: never claimed, never counted. */
    private static final String FINISHED = "bench.finished";
    private static final String BACKLOG_QUEUE = "bench-backlog";
    private static final String EXPLAIN_QUEUE = "bench-explain";
    /** Rows per INSERT while filling, so a 10 million row fill is not one huge transaction. */
    private static final int FILL_CHUNK = 1_000_000;

    /** One table to measure on: {@code finished} completed rows of the bench queue, {@code pending} of another queue. */
    record Table(long finished, long pending) {
        String label() {
            if (finished == 0 && pending == 0) {
                return "empty table";
            }
            List<String> parts = new ArrayList<>();
            if (finished > 0) {
                parts.add(String.format(Locale.ROOT, "%,d finished", finished));
            }
            if (pending > 0) {
                parts.add(String.format(Locale.ROOT, "%,d pending elsewhere", pending));
            }
            return String.join(", ", parts);
        }
    }

    private final BenchServer server;
    private final Schemas schemas;
    private final Report report;
    private final JobfleetBench jobfleet;

    TableSizeBench(BenchServer server, Schemas schemas, Report report, JobfleetBench jobfleet) {
        this.server = server;
        this.schemas = schemas;
        this.report = report;
        this.jobfleet = jobfleet;
    }

    /** The empty table first (the reference), then each finished-row count, then the backlog. */
    static List<Table> tables(List<Long> finishedRows, long backlog) {
        List<Table> tables = new ArrayList<>();
        tables.add(new Table(0, 0));
        finishedRows.stream().filter(n -> n > 0).forEach(n -> tables.add(new Table(n, 0)));
        if (backlog > 0) {
            tables.add(new Table(0, backlog));
        }
        return tables;
    }

    /**
     * Fills one table, then drains {@code jobs} no-op jobs on it: once untimed (the table's pages
     * and the worker's code warm, as in production), then {@code timedDrains} timed drains, each after
     * a checkpoint and a collection ({@link BenchServer#settle}); the median drain is reported, with
     * every drain's figure in its "how". A table other than the empty one is measured beside a
     * reference table that started empty: each of its drains follows one on the reference, so both
     * tables have the same history of drains (and their finished rows) and differ only by the
     * rows of the fill, and "vs empty" divides the two medians, so a slow or busy moment of the
     * machine weighs on both sides alike. Without the settle, the checkpoint of a 10 million row
     * fill fell inside the timed drain. Before each timed drain the table is vacuumed with its own
     * settings, as autovacuum would (schema version 16: the indexes too), so each drain starts with a
     * clean claim index on both sides: the entries of the jobs claimed since the last vacuum, which
     * every claim steps over, otherwise depend on when autovacuum happened to come to which table.
     * The notes say how often autovacuum ran on each table as well.
     */
    void run(Table table, int jobs, int concurrency, int timedDrains, Duration timeout) throws InterruptedException {
        boolean empty = table.finished() == 0 && table.pending() == 0;
        String schema = schemas.jobfleet("jf_table_" + table.finished() + "_" + table.pending());
        String reference = empty ? null : schemas.jobfleet("jf_table_reference");
        try {
            fill(schema, table);
            server.execute("VACUUM ANALYZE " + Schemas.jobs(schema));
            String plan = claimPlan(schema, concurrency);
            jobfleet.drain(schema, jobs, concurrency, timeout);
            if (reference != null) {
                jobfleet.drain(reference, jobs, concurrency, timeout);
            }
            List<JobfleetBench.Drained> drains = new ArrayList<>();
            List<JobfleetBench.Drained> beside = new ArrayList<>();
            for (int i = 0; i < Math.max(1, timedDrains); i++) {
                if (reference != null) {
                    server.execute("VACUUM " + Schemas.jobs(reference));
                    server.settle();
                    beside.add(jobfleet.drain(reference, jobs, concurrency, timeout));
                }
                server.execute("VACUUM " + Schemas.jobs(schema));
                server.settle();
                drains.add(jobfleet.drain(schema, jobs, concurrency, timeout));
            }
            JobfleetBench.Drained d = median(drains);
            String label = table.label();
            String c = "c=" + concurrency;
            report.add(WORKLOAD, JobfleetBench.SYSTEM, "jobs/s " + c + " [" + label + "]", d.jobsPerSecond(), "jobs/s",
                    String.format(Locale.ROOT, "%d no-op jobs drained by 1 process, median of %d drains (%s) after an "
                            + "untimed one, each after a checkpoint; table: %s", jobs, drains.size(), figures(drains), label));
            List<Double> claims = claimMeans(drains);
            Optional<Double> claim = Median.of(claims);
            claim.ifPresent(ms -> report.add(WORKLOAD, JobfleetBench.SYSTEM, "claim mean [" + label + "]", ms, "ms",
                    "pg_stat_statements mean time of the claim statement in each drain, median of the drains ("
                            + millis(claims) + ")"));
            if (reference != null) {
                JobfleetBench.Drained e = median(beside);
                report.add(WORKLOAD, JobfleetBench.SYSTEM, "jobs/s " + c + " vs empty [" + label + "]",
                        d.jobsPerSecond() / e.jobsPerSecond(), "ratio", String.format(Locale.ROOT,
                                "this table's median / the median of the empty reference drains run between its drains "
                                        + "(%s jobs/s: %s); goal within 0.8-1.2", Report.number(e.jobsPerSecond()), figures(beside)));
                List<Double> referenceClaims = claimMeans(beside);
                claim.ifPresent(ms -> Median.of(referenceClaims).ifPresent(ref -> report.add(WORKLOAD,
                        JobfleetBench.SYSTEM, "claim mean vs empty [" + label + "]", ms / ref, "ratio", String.format(Locale.ROOT,
                                "this table's median claim mean / the empty reference's (%.2f ms: %s); goal within 0.8-1.2",
                                ref, millis(referenceClaims)))));
            }
            report.detail("claim_plan " + label, plan);
            report.note("claim plan, table: " + label + " (EXPLAIN ANALYZE, rolled back):\n" + plan);
            JobfleetBench.noteStatements(report, "table-size [" + label + "], median drain", d);
            report.note("table-size [" + label + "]: " + vacuums(schema) + (reference == null ? ""
                    : "; on its reference: " + vacuums(reference)));
        } finally {
            schemas.drop(schema);
            if (reference != null) {
                schemas.drop(reference);
            }
        }
    }


    /** How often autovacuum and autoanalyze ran on the jobs table of {@code schema} since its fill. */
    private String vacuums(String schema) {
        String table = "pg_catalog.pg_stat_user_tables WHERE relid = '" + Schemas.jobs(schema).replace("'", "''") + "'::regclass";
        return String.format(Locale.ROOT, "autovacuum ran %d times, autoanalyze %d times",
                server.queryLong("SELECT autovacuum_count FROM " + table), server.queryLong("SELECT autoanalyze_count FROM " + table));
    }

    private static JobfleetBench.Drained median(List<JobfleetBench.Drained> drains) {
        return Median.of(drains, Comparator.comparingDouble(JobfleetBench.Drained::jobsPerSecond)).orElseThrow();
    }

    private static String figures(List<JobfleetBench.Drained> drains) {
        return drains.stream().map(d -> Report.number(d.jobsPerSecond())).collect(Collectors.joining(", "));
    }

    private void fill(String schema, Table table) {
        for (long done = 0; done < table.finished(); done += FILL_CHUNK) {
            long n = Math.min(FILL_CHUNK, table.finished() - done);
            // finished over the last 30 days, as a table that keeps its history looks
            server.execute("INSERT INTO " + Schemas.jobs(schema) + " (queue, kind, status, attempts, locked_by, "
                    + "scheduled_at, created_at, updated_at, started_at, completed_at) "
                    + "SELECT '" + BenchHandlers.QUEUE + "', '" + FINISHED + "', 'completed', 1, NULL, t, t, t, t, t "
                    + "FROM (SELECT now() - (g * interval '1 ms') * (2592000000.0 / " + table.finished() + ") AS t "
                    + "FROM generate_series(" + (done + 1) + ", " + (done + n) + ") g) s");
        }
        if (table.pending() > 0) {
            server.execute("INSERT INTO " + Schemas.jobs(schema) + " (queue, kind) SELECT '" + BACKLOG_QUEUE + "', '"
                    + BenchHandlers.NOOP + "' FROM generate_series(1, " + table.pending() + ")");
        }
    }

    /** The claim's plan for a batch as large as the drain's, on a few pending jobs of a queue of their own. */
    private String claimPlan(String schema, int concurrency) {
        int limit = 4 * concurrency;
        server.execute("INSERT INTO " + Schemas.jobs(schema) + " (queue, kind) SELECT '" + EXPLAIN_QUEUE + "', '"
                + BenchHandlers.NOOP + "' FROM generate_series(1, " + limit + ")");
        try (Database db = Database.open(server.dbConfig(schema, 2), "jobfleet-bench-explain")) {
            return db.queue().explainClaim(EXPLAIN_QUEUE, limit, EngineConfig.LEASE_DEFAULT);
        } finally {
            server.execute("DELETE FROM " + Schemas.jobs(schema) + " WHERE queue = '" + EXPLAIN_QUEUE + "'");
        }
    }

    /**
     * Each drain's claim mean, in drain order. Their median is reported, not the claim of the drain
     * of median jobs/s: the mean of one drain of a few seconds moves with the machine as its jobs/s
     * does, and the two medians need not fall on the same drain.
     */
    private static List<Double> claimMeans(List<JobfleetBench.Drained> drains) {
        return drains.stream().map(TableSizeBench::claimMeanMillis).flatMap(Optional::stream).toList();
    }

    private static String millis(List<Double> values) {
        return values.stream().map(ms -> String.format(Locale.ROOT, "%.2f", ms)).collect(Collectors.joining(", "));
    }

    /**
     * What both claim statements, and no other, say (pg_stat_statements shows the sequence's name
     * as a parameter).
     */
    private static final String CLAIM_TOKEN_DRAWN = "claim_token = pg_catalog.nextval(";

    /**
     * The claim's mean time in the drain, over both claim statements (the plain queue's and the
     * one with flow control; they are the ones that draw claim tokens).
     */
    private static Optional<Double> claimMeanMillis(JobfleetBench.Drained d) {
        List<StatementStats.Row> claims = d.statements().stream()
                .filter(r -> r.text().contains(CLAIM_TOKEN_DRAWN)).toList();
        long calls = claims.stream().mapToLong(StatementStats.Row::calls).sum();
        return calls == 0 ? Optional.empty()
                : Optional.of(claims.stream().mapToDouble(StatementStats.Row::totalMillis).sum() / calls);
    }
}
