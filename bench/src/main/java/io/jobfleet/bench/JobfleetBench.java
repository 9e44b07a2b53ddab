package io.jobfleet.bench;

import io.jobfleet.config.DbConfig;
import io.jobfleet.config.EngineConfig;
import io.jobfleet.config.Pooler;
import io.jobfleet.db.Database;
import io.jobfleet.db.DatabaseHealth;
import io.jobfleet.db.NewJob;
import io.jobfleet.engine.HandlerRegistry;
import io.jobfleet.engine.JobHandler;
import io.jobfleet.engine.Worker;
import io.jobfleet.engine.WorkerId;
import io.jobfleet.metrics.JobMetrics;
import io.jobfleet.runtime.WorkerRuntime;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

/**
 * jobfleet's in-process workloads: one {@link Worker} (as a worker process builds it, with the
 * production defaults unless stated) on a fresh migrated schema per run, no-op handlers.
 */
final class JobfleetBench {
    /** jobfleet with the worker's defaults ({@code --prefetch auto}): what most users run. */
    static final String SYSTEM = "jobfleet";
    /** jobfleet with the throughput setting of {@code --prefetch}. */
    static final String THROUGHPUT_SYSTEM = "jobfleet --prefetch";
    /** {@link #JobfleetBench}'s {@code prefetch} for three held jobs per thread. */
    static final int THREE_PER_THREAD = -1;

    private final BenchServer server;
    private final Schemas schemas;
    private final Report report;
    private final StatementStats statements;
    private final Integer prefetch;
    private final String system;
    private final UnaryOperator<DbConfig> connect;

    /**
     * {@code prefetch}: claimed jobs that may wait for a thread; null means the worker's default
     * ({@code auto}); {@link #THREE_PER_THREAD} means three per thread, so a worker holds up to 4x
     * its threads, as db-scheduler's tuned lock-and-fetch (1.0, 4.0) does. Throughput figures are
     * reported as {@link #SYSTEM} with the default, {@link #THROUGHPUT_SYSTEM} otherwise.
     */
    JobfleetBench(BenchServer server, Schemas schemas, Report report, StatementStats statements, Integer prefetch) {
        this(server, schemas, report, statements, prefetch, UnaryOperator.identity());
    }

    private JobfleetBench(BenchServer server, Schemas schemas, Report report, StatementStats statements,
                          Integer prefetch, UnaryOperator<DbConfig> connect) {
        this.server = server;
        this.schemas = schemas;
        this.report = report;
        this.statements = statements;
        this.prefetch = prefetch;
        this.system = prefetch == null ? SYSTEM : THROUGHPUT_SYSTEM;
        this.connect = connect;
    }

    /**
     * The same workloads with the worker and the app connecting through a pooler in transaction
     * mode at {@code poolerUrl} ({@code --db-pooler=transaction}: no server-side prepared
     * statements), the worker's LISTEN on a direct connection ({@code --listen-url}).
     */
    JobfleetBench through(String poolerUrl) {
        return new JobfleetBench(server, schemas, report, statements, prefetch, c -> new DbConfig(poolerUrl, c.user(), c.password(), c.schema(), c.appSchema(),
                c.poolSize(), new Pooler(Pooler.Mode.TRANSACTION, c.url())));
    }

    /** What {@code prefetch} means, for the report. */
    static String describe(Integer prefetch) {
        return prefetch == null ? "the worker's default (auto)" : prefetch == THREE_PER_THREAD
                ? "3 x concurrency (up to 4x threads held, as db-scheduler's lock-and-fetch 1.0/4.0)"
                : Integer.toString(prefetch);
    }

    /** The worker a process would build: Prometheus metrics, pool of concurrency + 4. */
    static Worker worker(Database db, EngineConfig config, JobHandler<?>... handlers) {
        WorkerRuntime rt = new WorkerRuntime(WorkerId.generate("bench"), config, db, new DatabaseHealth(),
                new JobMetrics(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT)));
        return new Worker(rt, HandlerRegistry.of(List.of(handlers)));
    }

    /** Drains {@code jobs} pre-inserted no-op jobs with one worker of {@code concurrency} threads. */
    void throughput(int jobs, int concurrency, Duration timeout) throws InterruptedException {
        String schema = schemas.jobfleet("jf_throughput_" + concurrency);
        Drained d = drain(schema, jobs, concurrency, timeout);
        String w = "throughput";
        String c = "c=" + concurrency;
        report.add(w, system, "jobs/s " + c, d.jobsPerSecond(), "jobs/s", jobs + " no-op jobs, 1 process; first handler "
                + "start -> drain seen in DB (poll " + Drain.POLL.toMillis() + " ms)");
        report.add(w, system, "jobs/s " + c + " (DB timestamps)", jobs / d.dbSeconds(), "jobs/s",
                "min(started_at) -> max(completed_at)");
        if (statements.available()) {
            long calls = StatementStats.calls(d.statements());
            report.add(w, system, "statements/job " + c, (double) calls / jobs, "stmts",
                    "pg_stat_statements: statements naming the schema, per job (BEGIN/COMMIT not included)");
            report.detail("throughput_statements_" + (prefetch == null ? "jobfleet" : "jobfleet_prefetch") + "_c" + concurrency, asMap(d.statements()));
            noteStatements(report, system + " throughput " + c, d);
        }
        schemas.drop(schema);
    }

    /** One drain: its wall time from the first handler start, its DB-timestamp time, and the statements it sent. */
    record Drained(int jobs, double seconds, double dbSeconds, List<StatementStats.Row> statements) {
        double jobsPerSecond() {
            return jobs / seconds;
        }
    }

    /**
     * Inserts {@code jobs} no-op jobs into the migrated {@code schema} (beside whatever rows it
     * already holds) and drains them with one worker of {@code concurrency} threads, with the
     * prefetch this bench was built with.
     */
    Drained drain(String schema, int jobs, int concurrency, Duration timeout) throws InterruptedException {
        return drain(schema, jobs, concurrency, timeout, null);
    }

    /**
     * Like {@link #drain(String, int, int, Duration)}, the jobs keyed by {@code keyExpression}, a
     * SQL expression of the series' {@code i} (null: no key).
     */
    Drained drain(String schema, int jobs, int concurrency, Duration timeout, String keyExpression)
            throws InterruptedException {
        // this drain's jobs only: the table may hold an earlier drain's
        long before = server.queryLong("SELECT coalesce(max(id), 0) FROM " + Schemas.jobs(schema));
        server.execute("INSERT INTO " + Schemas.jobs(schema) + " (queue, kind, concurrency_key) SELECT '"
                + BenchHandlers.QUEUE + "', '" + BenchHandlers.NOOP + "', " + (keyExpression == null ? "NULL" : keyExpression)
                + " FROM generate_series(1, " + jobs + ") i");
        server.execute("ANALYZE " + Schemas.jobs(schema));
        statements.reset();
        StartMarks marks = new StartMarks(jobs);
        EngineConfig.Builder b = EngineConfig.builder(BenchHandlers.QUEUE).concurrency(concurrency);
        if (prefetch != null) {
            b.prefetch(prefetch == THREE_PER_THREAD ? 3 * concurrency : prefetch);
        }
        EngineConfig config = b.build();
        String ours = " WHERE queue = '" + BenchHandlers.QUEUE + "' AND kind = '" + BenchHandlers.NOOP + "' AND id > " + before;
        long end;
        try (Database db = Database.open(connect.apply(server.dbConfig(schema, concurrency + 4)), "jobfleet-bench")) {
            Worker worker = worker(db, config, BenchHandlers.noop(marks));
            worker.start();
            try {
                end = Drain.awaitEmpty(server.admin(), "SELECT count(*) FROM " + Schemas.jobs(schema) + ours
                        + " AND status IN ('pending', 'running')", marks, timeout);
            } finally {
                worker.shutdown(Duration.ofSeconds(5));
            }
        }
        double seconds = (end - marks.firstNanos()) / 1e9;
        long completed = server.queryLong("SELECT count(*) FROM " + Schemas.jobs(schema) + ours
                + " AND status = 'completed' AND completed_at IS NOT NULL AND started_at IS NOT NULL");
        double dbSeconds = server.queryLong("SELECT (extract(epoch FROM max(completed_at) - min(started_at)) * 1e6)::bigint FROM "
                + Schemas.jobs(schema) + ours + " AND started_at IS NOT NULL") / 1e6;
        check(completed == jobs && marks.count() == jobs, "jobfleet throughput: " + completed + " completed, "
                + marks.count() + " handler runs, expected " + jobs);
        List<StatementStats.Row> rows = statements.available() ? statements.mentioning(schema) : List.of();
        return new Drained(jobs, seconds, dbSeconds, rows);
    }

    /**
     * One latency round, added to {@code rounds}: jobs enqueued one by one, each after the previous
     * one started, to an idle worker with the production settings (LISTEN/NOTIFY on, poll 2 s to
     * 30 s), in a schema of its own.
     */
    void latencyRound(int jobs, LatencyRounds rounds) throws InterruptedException {
        String schema = schemas.jobfleet("jf_latency");
        Latencies afterEnqueue = new Latencies();
        Latencies clock = measureLatency(schema, jobs, null, afterEnqueue);
        rounds.round(clock, afterEnqueue);
        for (double ms : dbLatencies(schema)) {
            rounds.database().addMillis(ms);
        }
        schemas.drop(schema);
    }

    /** Reports the latency rounds' pooled figures. */
    void reportLatency(LatencyRounds rounds) {
        rounds.all().report(report, SYSTEM, "handler start (nanoTime) - just before the enqueue statement, same JVM; "
                + "idle worker, production poll settings, LISTEN/NOTIFY on; includes both commits; " + rounds.describe());
        rounds.afterEnqueue().reportAfterEnqueue(report, "latency", SYSTEM, "the enqueue statement");
        report.add("latency", SYSTEM, "p50 (DB timestamps)", rounds.database().percentile(50), "ms", "started_at - created_at");
        report.add("latency", SYSTEM, "p99 (DB timestamps)", rounds.database().percentile(99), "ms", "started_at - created_at");
    }

    /**
     * Enqueue-to-start latency of an idle queue while another worker of the same database drains a
     * backlog of {@code backlog} no-op jobs of another queue (same table, same indexes).
     */
    void latencyUnderBacklog(int jobs, long backlog) throws InterruptedException {
        String schema = schemas.jobfleet("jf_latency_backlog");
        server.execute("INSERT INTO " + Schemas.jobs(schema) + " (queue, kind) SELECT '" + BACKLOG_QUEUE + "', '"
                + BenchHandlers.NOOP + "' FROM generate_series(1, " + backlog + ")");
        server.execute("ANALYZE " + Schemas.jobs(schema));
        EngineConfig drainer = EngineConfig.defaults(BACKLOG_QUEUE);
        Latencies clock;
        Latencies afterEnqueue = new Latencies();
        long left;
        try (Database db = Database.open(server.dbConfig(schema, drainer.concurrency() + 4), "jobfleet-bench-backlog")) {
            Worker draining = worker(db, drainer, BenchHandlers.noop(new StartMarks()));
            draining.start();
            try {
                clock = measureLatency(schema, jobs, draining, afterEnqueue);
                left = server.queryLong("SELECT count(*) FROM " + Schemas.jobs(schema) + " WHERE queue = '"
                        + BACKLOG_QUEUE + "' AND status = 'pending'");
            } finally {
                draining.shutdown(Duration.ofSeconds(5));
            }
        }
        if (left == 0) {
            report.note("latency under backlog: the backlog of " + backlog + " jobs was drained before the " + jobs
                    + " latency jobs were measured, so only the first ones met it; give a larger --backlog");
        }
        clock.report(report, "latency-backlog", SYSTEM, "as latency, while a worker of the defaults drains "
                + backlog + " no-op jobs of another queue in the same table (" + left + " still pending at the end)");
        afterEnqueue.reportAfterEnqueue(report, "latency-backlog", SYSTEM, "the enqueue statement");
        schemas.drop(schema);
    }

    static final String BACKLOG_QUEUE = "bench_backlog";

    /** {@code jobs} enqueued one at a time to an idle worker of the defaults; the latencies, handler start - before the enqueue. */
    Latencies latencyRun(int jobs, Latencies afterEnqueue) throws InterruptedException {
        String schema = schemas.jobfleet("jf_latency_run");
        try {
            return measureLatency(schema, jobs, null, afterEnqueue);
        } finally {
            schemas.drop(schema);
        }
    }

    private Latencies measureLatency(String schema, int jobs, Worker alongside, Latencies afterEnqueue)
            throws InterruptedException {
        StartMarks marks = new StartMarks();
        Latencies clock = new Latencies();
        EngineConfig config = EngineConfig.defaults(BenchHandlers.QUEUE);
        try (Database db = Database.open(connect.apply(server.dbConfig(schema, config.concurrency() + 4)), "jobfleet-bench");
             Database app = Database.open(connect.apply(server.dbConfig(schema, 2)), "bench-app")) {
            Worker worker = worker(db, config, BenchHandlers.latency(marks));
            worker.start();
            try {
                awaitListening(worker);
                for (int i = 0; i < jobs; i++) {
                    long[] before = new long[1];
                    long id = app.jdbi().withHandle(h -> {
                        before[0] = System.nanoTime();
                        return app.queue().enqueue(h, NewJob.of(BenchHandlers.QUEUE, BenchHandlers.LATENCY, "{}"));
                    });
                    long enqueued = System.nanoTime();
                    long started = marks.awaitStart(id, 30_000);
                    clock.add(started - before[0]);
                    afterEnqueue.add(started - enqueued);
                }
            } finally {
                worker.shutdown(Duration.ofSeconds(5));
            }
        }
        return clock;
    }

    private List<Double> dbLatencies(String schema) {
        try (Connection c = server.admin().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT extract(epoch FROM started_at - created_at) * 1000 FROM "
                     + Schemas.jobs(schema) + " ORDER BY id")) {
            List<Double> out = new ArrayList<>();
            while (rs.next()) {
                out.add(rs.getDouble(1));
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    static void awaitListening(Worker worker) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (!worker.listening()) {
            if (System.nanoTime() - deadline > 0) {
                throw new IllegalStateException("the worker's LISTEN connection did not come up within 15 s");
            }
            Thread.sleep(10);
        }
        Thread.sleep(500); // let the first claim at start find nothing, as an idle worker would
    }

    static void check(boolean ok, String message) {
        if (!ok) {
            throw new IllegalStateException(message);
        }
    }

    /** A note per frequent statement of a drain (called for at least 1% of its jobs): calls, rows, mean time. */
    static void noteStatements(Report report, String prefix, Drained d) {
        d.statements().stream().filter(r -> r.calls() >= d.jobs() / 100).forEach(r -> report.note(String.format(Locale.ROOT,
                "%s: %dx (%d rows, mean %.2f ms) %s", prefix, r.calls(), r.rows(), r.totalMillis() / r.calls(), r.query())));
    }

    /** Statement text to calls, most called first. */
    static Map<String, Long> asMap(List<StatementStats.Row> rows) {
        return rows.stream().collect(Collectors.toMap(StatementStats.Row::query, StatementStats.Row::calls, Long::sum,
                LinkedHashMap::new));
    }
}
