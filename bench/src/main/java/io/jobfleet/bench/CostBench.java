package io.jobfleet.bench;

import io.jobfleet.config.EngineConfig;
import io.jobfleet.db.Database;
import io.jobfleet.db.NewJob;
import io.jobfleet.engine.Worker;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one job costs the database, for capacity planning (docs/capacity.md): {@code jobs} no-op
 * jobs enqueued one per transaction as an app does, then run by one worker with the production
 * defaults. For each phase, per job: statements (pg_stat_statements, BEGIN/COMMIT included),
 * commits (pg_stat_database), WAL bytes (pg_current_wal_lsn), row inserts and updates of the jobs
 * table and how many updates were HOT (no index entry), and index growth. Nothing polls the
 * database while a phase runs: the run phase ends with the worker's shutdown, which waits for
 * every completion to be stored.
 */
final class CostBench {
    static final String WORKLOAD = "cost";
    /** The cumulative statistics a backend reports at most once a second (PGSTAT_MIN_INTERVAL). */
    private static final Duration STATS_FLUSH = Duration.ofMillis(1500);

    private final BenchServer server;
    private final Schemas schemas;
    private final Report report;
    private final StatementStats statements;

    CostBench(BenchServer server, Schemas schemas, Report report, StatementStats statements) {
        this.server = server;
        this.schemas = schemas;
        this.report = report;
        this.statements = statements;
    }

    void run(int jobs, Duration timeout) throws InterruptedException {
        String schema = schemas.jobfleet("jf_cost");
        EngineConfig config = EngineConfig.defaults(BenchHandlers.QUEUE);
        try {
            Snapshot before = snapshot(schema);
            statements.reset();
            // closed before the snapshot: a backend reports its statistics at the latest when it ends
            try (Database app = Database.open(server.dbConfig(schema, 2), "bench-app")) {
                for (int i = 0; i < jobs; i++) {
                    app.jdbi().useHandle(h -> app.queue().enqueue(h, NewJob.of(BenchHandlers.QUEUE, BenchHandlers.NOOP, "{}")));
                }
            }
            Snapshot enqueued = snapshot(schema);
            List<StatementStats.Row> enqueueStatements = statements.available() ? statements.mentioningOrTransaction(schema)
                    : List.of();
            statements.reset();
            StartMarks marks = new StartMarks(jobs);
            try (Database db = Database.open(server.dbConfig(schema, config.concurrency() + 4), "jobfleet-bench")) {
                Worker worker = JobfleetBench.worker(db, config, BenchHandlers.noop(marks));
                worker.start();
                try {
                    JobfleetBench.check(marks.awaitAll(timeout.toNanos()), "cost: not every job started in time");
                } finally {
                    worker.shutdown(Duration.ofSeconds(30)); // waits for the last completions to be stored
                }
            }
            Snapshot ran = snapshot(schema);
            List<StatementStats.Row> runStatements = statements.available() ? statements.mentioningOrTransaction(schema)
                    : List.of();
            long completed = server.queryLong("SELECT count(*) FROM " + Schemas.jobs(schema) + " WHERE status = 'completed'");
            JobfleetBench.check(completed == jobs, "cost: " + completed + " of " + jobs + " jobs completed");
            add("enqueue", jobs, before, enqueued, enqueueStatements, "one INSERT per transaction, as the app enqueues");
            add("run", jobs, enqueued, ran, runStatements, "claim, run and complete with the worker's defaults (c="
                    + config.concurrency() + ")");
            add("job", jobs, before, ran, concat(enqueueStatements, runStatements), "enqueue + run");
            report.detail("cost_statements_enqueue", JobfleetBench.asMap(enqueueStatements));
            report.detail("cost_statements_run", JobfleetBench.asMap(runStatements));
            report.detail("cost_index_bytes_per_job", perJob(before.indexBytes(), ran.indexBytes(), jobs));
        } finally {
            schemas.drop(schema);
        }
    }

    private void add(String phase, int jobs, Snapshot from, Snapshot to, List<StatementStats.Row> rows, String how) {
        String n = " (" + jobs + " jobs)";
        if (statements.available()) {
            report.add(WORKLOAD, JobfleetBench.SYSTEM, phase + ": statements/job",
                    (double) StatementStats.statementsSent(rows) / jobs, "stmts",
                    "pg_stat_statements, BEGIN/COMMIT included; " + how + n);
        }
        report.add(WORKLOAD, JobfleetBench.SYSTEM, phase + ": commits/job", (double) (to.commits() - from.commits()) / jobs,
                "commits", "pg_stat_database xact_commit delta (the bench's own few reads included)" + n);
        report.add(WORKLOAD, JobfleetBench.SYSTEM, phase + ": WAL bytes/job", (double) (to.walBytes() - from.walBytes()) / jobs,
                "bytes", "pg_current_wal_lsn delta (full-page images after a checkpoint included)" + n);
        report.add(WORKLOAD, JobfleetBench.SYSTEM, phase + ": row inserts/job", (double) (to.inserts() - from.inserts()) / jobs,
                "rows", "pg_stat_user_tables n_tup_ins of jobs" + n);
        long updates = to.updates() - from.updates();
        long hot = to.hotUpdates() - from.hotUpdates();
        report.add(WORKLOAD, JobfleetBench.SYSTEM, phase + ": row updates/job", (double) updates / jobs, "rows",
                "n_tup_upd of jobs" + n);
        report.add(WORKLOAD, JobfleetBench.SYSTEM, phase + ": HOT updates/job", (double) hot / jobs, "rows",
                "n_tup_hot_upd: updates that wrote no index entry" + n);
        report.add(WORKLOAD, JobfleetBench.SYSTEM, phase + ": index entries/job (upper bound)",
                (double) ((to.inserts() - from.inserts()) + (updates - hot)) * to.indexBytes().size() / jobs, "entries",
                "(inserts + non-HOT updates) x " + to.indexBytes().size() + " indexes; partial indexes take fewer" + n);
        long indexGrowth = to.indexBytes().values().stream().mapToLong(Long::longValue).sum()
                - from.indexBytes().values().stream().mapToLong(Long::longValue).sum();
        report.add(WORKLOAD, JobfleetBench.SYSTEM, phase + ": index bytes/job", (double) indexGrowth / jobs, "bytes",
                "growth of the jobs table's indexes (pg_relation_size)" + n);
    }

    private static List<StatementStats.Row> concat(List<StatementStats.Row> a, List<StatementStats.Row> b) {
        return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
    }

    private static Map<String, Double> perJob(Map<String, Long> from, Map<String, Long> to, int jobs) {
        Map<String, Double> out = new LinkedHashMap<>();
        to.forEach((index, bytes) -> out.put(index, (double) (bytes - from.getOrDefault(index, 0L)) / jobs));
        return out;
    }

    /** The counters a phase is measured by, read once the backends have reported their statistics. */
    record Snapshot(long commits, long walBytes, long inserts, long updates, long hotUpdates, Map<String, Long> indexBytes) {
    }

    private Snapshot snapshot(String schema) throws InterruptedException {
        Thread.sleep(STATS_FLUSH.toMillis());
        try (Connection c = server.admin().getConnection(); Statement s = c.createStatement()) {
            s.execute("SELECT pg_stat_clear_snapshot()");
            long commits;
            long wal;
            try (ResultSet rs = s.executeQuery(Drain.MARK + "SELECT xact_commit, pg_wal_lsn_diff(pg_current_wal_lsn(), '0/0')::bigint "
                    + "FROM pg_stat_database WHERE datname = current_database()")) {
                rs.next();
                commits = rs.getLong(1);
                wal = rs.getLong(2);
            }
            long ins;
            long upd;
            long hot;
            try (ResultSet rs = s.executeQuery(Drain.MARK + "SELECT n_tup_ins, n_tup_upd, n_tup_hot_upd FROM pg_stat_user_tables "
                    + "WHERE schemaname = '" + schema + "' AND relname = 'jobs'")) {
                rs.next();
                ins = rs.getLong(1);
                upd = rs.getLong(2);
                hot = rs.getLong(3);
            }
            Map<String, Long> indexes = new LinkedHashMap<>();
            try (ResultSet rs = s.executeQuery(Drain.MARK + "SELECT indexrelname, pg_relation_size(indexrelid) FROM pg_stat_user_indexes "
                    + "WHERE schemaname = '" + schema + "' AND relname = 'jobs' ORDER BY indexrelname")) {
                while (rs.next()) {
                    indexes.put(rs.getString(1), rs.getLong(2));
                }
            }
            return new Snapshot(commits, wal, ins, upd, hot, indexes);
        } catch (SQLException e) {
            throw new IllegalStateException("cost: reading the statistics failed: " + e.getMessage(), e);
        }
    }
}
