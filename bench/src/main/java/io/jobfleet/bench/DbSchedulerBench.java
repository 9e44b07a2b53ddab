package io.jobfleet.bench;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.task.TaskInstance;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.zaxxer.hikari.HikariDataSource;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * db-scheduler 16 as its README tunes it for throughput on PostgreSQL: {@code threads(n)}, the
 * {@code lock-and-fetch} poll strategy ({@code select ... for update skip locked}) with the
 * "high throughput" fractions {@code 1.0, 4.0}, a 100 ms polling interval and immediate execution.
 * Its table is the documented PostgreSQL definition, in a fresh schema per run.
 */
final class DbSchedulerBench {
    static final String SYSTEM = "db-scheduler";
    static final Duration POLLING_INTERVAL = Duration.ofMillis(100);
    static final String TUNING = "threads(n), pollUsingLockAndFetch(1.0, 4.0), pollingInterval(100 ms), "
            + "enableImmediateExecution(); one-time tasks; pool n + 4";
    private static final int BATCH = 1000;

    private final BenchServer server;
    private final Schemas schemas;
    private final Report report;

    DbSchedulerBench(BenchServer server, Schemas schemas, Report report) {
        this.server = server;
        this.schemas = schemas;
        this.report = report;
    }

    void throughput(int jobs, int threads, Duration timeout) throws InterruptedException {
        String schema = schemas.empty("dbs_throughput_" + threads);
        String table = createTable(schema);
        StartMarks marks = new StartMarks(jobs);
        OneTimeTask<Void> task = Tasks.oneTime("bench-noop").execute((instance, ctx) -> marks.started());
        long end;
        try (HikariDataSource ds = server.pool("db-scheduler-bench", threads + 4, schema)) {
            Scheduler scheduler = build(ds, table, threads, task);
            Instant now = Instant.now();
            List<TaskInstance<?>> batch = new ArrayList<>(BATCH);
            for (int i = 0; i < jobs; i++) {
                batch.add(task.instance(Integer.toString(i)));
                if (batch.size() == BATCH || i == jobs - 1) {
                    scheduler.scheduleBatch(batch, now);
                    batch.clear();
                }
            }
            server.execute("ANALYZE " + table);
            scheduler.start();
            try {
                end = Drain.awaitEmpty(server.admin(), "SELECT count(*) FROM " + table, marks, timeout);
            } finally {
                scheduler.stop();
            }
        }
        JobfleetBench.check(marks.count() == jobs, "db-scheduler ran " + marks.count() + " of " + jobs + " jobs");
        double seconds = (end - marks.firstNanos()) / 1e9;
        report.add("throughput", SYSTEM, "jobs/s c=" + threads, jobs / seconds, "jobs/s",
                jobs + " one-time tasks via scheduleBatch; same drain measure; " + TUNING);
        schemas.drop(schema);
    }

    /**
     * The latency an app in another process gets: each job is scheduled through a {@code
     * SchedulerClient} on its own pool (as a separate app would insert the row), so the scheduler's
     * in-memory immediate execution never hears of it and it starts at the scheduler's next poll
     * ({@code pollingInterval} 100 ms). Jobs are enqueued at random moments of the poll cycle.
     */
    void latencyFromAnotherProcess(int jobs) throws InterruptedException {
        String schema = schemas.empty("dbs_latency_client");
        String table = createTable(schema);
        StartMarks marks = new StartMarks();
        OneTimeTask<Void> task = latencyTask(marks);
        Latencies latencies = new Latencies();
        java.util.Random random = new java.util.Random(42);
        try (HikariDataSource ds = server.pool("db-scheduler-bench", 12, schema);
             HikariDataSource app = server.pool("db-scheduler-bench-app", 2, schema)) {
            Scheduler scheduler = build(ds, table, 8, task);
            SchedulerClient client = SchedulerClient.Builder.create(app, task).tableName(table).build();
            scheduler.start();
            try {
                Thread.sleep(1000);
                for (long i = 0; i < jobs; i++) {
                    Thread.sleep(random.nextInt(100)); // a random moment of the 100 ms poll cycle
                    long before = System.nanoTime();
                    client.schedule(task.instance(Long.toString(i)), Instant.now());
                    latencies.add(marks.awaitStart(i, 30_000) - before);
                }
            } finally {
                scheduler.stop();
            }
        }
        latencies.report(report, SYSTEM + ", enqueued by another process", "handler start - just before "
                + "SchedulerClient.schedule(..., now()) on a pool of its own (an app's insert: no in-memory wake-up), "
                + "at a random moment of the poll cycle; " + TUNING);
        schemas.drop(schema);
    }

    /** The latency workloads' task: it marks its start, by the instance id the bench gave it. */
    private static OneTimeTask<Void> latencyTask(StartMarks marks) {
        return Tasks.oneTime("bench-latency").execute((instance, ctx) -> marks.started(Long.parseLong(instance.getId())));
    }

    /** One latency round, added to {@code rounds}: tasks scheduled one by one in the scheduler's own JVM. */
    void latencyRound(int jobs, LatencyRounds rounds) throws InterruptedException {
        String schema = schemas.empty("dbs_latency");
        String table = createTable(schema);
        StartMarks marks = new StartMarks();
        OneTimeTask<Void> task = latencyTask(marks);
        Latencies latencies = new Latencies();
        Latencies afterEnqueue = new Latencies();
        try (HikariDataSource ds = server.pool("db-scheduler-bench", 12, schema)) {
            Scheduler scheduler = build(ds, table, 8, task);
            scheduler.start();
            try {
                Thread.sleep(1000);
                for (long i = 0; i < jobs; i++) {
                    long before = System.nanoTime();
                    scheduler.schedule(task.instance(Long.toString(i)), Instant.now());
                    long enqueued = System.nanoTime();
                    long started = marks.awaitStart(i, 30_000);
                    latencies.add(started - before);
                    afterEnqueue.add(started - enqueued);
                }
            } finally {
                scheduler.stop();
            }
        }
        rounds.round(latencies, afterEnqueue);
        schemas.drop(schema);
    }

    /** Reports the latency rounds' pooled figures. */
    void reportLatency(LatencyRounds rounds) {
        rounds.all().report(report, SYSTEM, "handler start - just before schedule(..., now()), same JVM; threads 8; "
                + TUNING + "; " + rounds.describe());
        rounds.afterEnqueue().reportAfterEnqueue(report, "latency", SYSTEM, "schedule(...)");
    }

    private static Scheduler build(HikariDataSource ds, String table, int threads, OneTimeTask<Void> task) {
        return Scheduler.create(ds, task)
                .tableName(table)
                .threads(threads)
                .pollUsingLockAndFetch(1.0, 4.0)
                .pollingInterval(POLLING_INTERVAL)
                .enableImmediateExecution()
                .build();
    }

    /** The PostgreSQL table definition from db-scheduler's documentation, in {@code schema}. */
    private String createTable(String schema) {
        String table = Schemas.quote(schema) + ".scheduled_tasks";
        server.execute("CREATE TABLE " + table + " ("
                + "task_name text NOT NULL, task_instance text NOT NULL, task_data bytea, "
                + "execution_time timestamp with time zone NOT NULL, picked boolean NOT NULL, picked_by text, "
                + "last_success timestamp with time zone, last_failure timestamp with time zone, "
                + "consecutive_failures int, last_heartbeat timestamp with time zone, version bigint NOT NULL, "
                + "priority smallint, PRIMARY KEY (task_name, task_instance))");
        server.execute("CREATE INDEX ON " + table + " (execution_time)");
        server.execute("CREATE INDEX ON " + table + " (last_heartbeat)");
        server.execute("CREATE INDEX ON " + table + " (priority DESC, execution_time ASC)");
        return table;
    }
}
