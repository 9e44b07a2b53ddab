package io.jobfleet.bench;

import io.jobfleet.db.Database;
import io.jobfleet.db.NewJob;
import io.jobfleet.db.QueueSql;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;
import org.postgresql.PGConnection;

/**
 * The floor under the enqueue-to-start latency on this server: {@code latency}'s measure (each job
 * inserted right after the previous one started; handler start minus the instant just before the
 * insert) through the fewest parts that can carry it, none of them a job system, taking turns in
 * the bench's JVM:
 * <ul>
 * <li>{@value #NOTIFY}: a two-column table whose row trigger sends a NOTIFY; a listener on a
 *     connection opened as a worker opens its LISTEN connection ({@link Database#openDedicatedConnection})
 *     claims the row with a one-row {@code UPDATE ... SKIP LOCKED} on a pooled connection and hands
 *     it to a pool of 8 threads;
 * <li>{@value #MEMORY}: the same without the trigger; the inserting thread wakes the claiming
 *     thread in memory once the insert returned, as db-scheduler's {@code schedule()} wakes its
 *     scheduler;
 * <li>{@value #JOBS_TABLE}: the first path on a migrated jobfleet jobs table with its own triggers
 *     disabled, a plain {@code INSERT} and a claim of up to 8 without the flow-control checks: what
 *     the table itself (its columns, constraints and indexes) adds;
 * <li>{@value #STATEMENTS}: jobfleet's own enqueue and claim statements ({@link QueueSql}) on a
 *     migrated schema with its triggers, through a jobfleet pool, claimed by the same bare thread:
 *     what its enqueue function, triggers and flow-control checks add.
 * </ul>
 * jobfleet's own figure is {@code latency}'s: the rest is the worker around those statements.
 */
final class LatencyFloorBench {
    static final String WORKLOAD = "latency-floor";
    static final String NOTIFY = "floor, NOTIFY";
    static final String MEMORY = "floor, in-memory wake-up";
    static final String JOBS_TABLE = "floor, jobs table";
    static final String STATEMENTS = "floor, jobfleet's statements";
    private static final String QUEUE = "floor";
    private static final int HANDLER_THREADS = 8;
    private static final long START_TIMEOUT_MS = 30_000;

    private final BenchServer server;
    private final Schemas schemas;
    private final Report report;

    LatencyFloorBench(BenchServer server, Schemas schemas, Report report) {
        this.server = server;
        this.schemas = schemas;
        this.report = report;
    }

    /**
     * One path: what it is ({@code description}, for the report), how it inserts and claims, and
     * whether a NOTIFY on its channel or the inserting thread wakes the claimer.
     */
    private record Path(String name, String description, String channel, Opener opener) {
        boolean notifies() {
            return channel != null;
        }
    }

    /** Opens a path's statements for one round. */
    @FunctionalInterface
    private interface Opener {
        Statements open() throws SQLException;
    }

    /** A path's insert (the app's thread) and claim (the claiming thread), each on a connection of its own. */
    private interface Statements extends AutoCloseable {
        long insert() throws SQLException;

        /** Claims what is due; calls {@code claimed} with each claimed row's id. */
        void claim(LongConsumer claimed) throws SQLException;

        @Override
        void close() throws SQLException;
    }

    /** Plain SQL on two connections of {@code connections}' pool. */
    private static final class SqlStatements implements Statements {
        private final Connection app;
        private final Connection claiming;
        private final PreparedStatement insert;
        private final PreparedStatement claim;

        SqlStatements(Database connections, String insertSql, String claimSql) throws SQLException {
            this.app = connections.dataSource().getConnection();
            this.claiming = connections.dataSource().getConnection();
            this.insert = app.prepareStatement(insertSql);
            this.claim = claiming.prepareStatement(claimSql);
        }

        @Override
        public long insert() throws SQLException {
            try (ResultSet rs = insert.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }

        @Override
        public void claim(LongConsumer claimed) throws SQLException {
            try (ResultSet rs = claim.executeQuery()) {
                while (rs.next()) {
                    claimed.accept(rs.getLong(1));
                }
            }
        }

        @Override
        public void close() throws SQLException {
            try (app; claiming) {
                insert.close();
                claim.close();
            }
        }
    }

    /** jobfleet's enqueue and claim statements, on a pool of its {@link Database}. */
    private static final class JobfleetStatements implements Statements {
        private final Database db;

        JobfleetStatements(Database db) {
            this.db = db;
        }

        @Override
        public long insert() {
            return db.queue().enqueue(NewJob.of(QUEUE, QUEUE, "{}"));
        }

        @Override
        public void claim(LongConsumer claimed) {
            db.queue().claim(QUEUE, "floor", HANDLER_THREADS, Duration.ofSeconds(15)).forEach(j -> claimed.accept(j.id()));
        }

        @Override
        public void close() {
            db.close();
        }
    }

    /** {@code rounds} rounds of {@code jobs} jobs per path, after a warm-up round of a tenth of them. */
    void run(int jobs, int rounds) throws Exception {
        String floor = schemas.empty("latency_floor");
        String jobfleet = schemas.jobfleet("latency_floor_jobs");
        String statements = schemas.jobfleet("latency_floor_statements");
        try (Database connections = Database.open(server.dbConfig(floor, 4), "jobfleet-bench-floor")) {
            List<Path> paths = setUp(connections, floor, jobfleet, statements);
            Map<Path, Latencies> total = new LinkedHashMap<>();
            Map<Path, Latencies> afterInsert = new LinkedHashMap<>();
            for (Path p : paths) {
                total.put(p, new Latencies());
                afterInsert.put(p, new Latencies());
                measure(connections, p, Math.max(1, jobs / 10), new Latencies(), new Latencies());
            }
            for (int r = 0; r < rounds; r++) {
                for (Path p : paths) {
                    measure(connections, p, jobs, total.get(p), afterInsert.get(p));
                }
            }
            for (Path p : paths) {
                total.get(p).report(report, WORKLOAD, p.name(), method(p, jobs, rounds));
                afterInsert.get(p).reportAfterEnqueue(report, WORKLOAD, p.name(), "the insert");
            }
        } finally {
            schemas.drop(floor);
            schemas.drop(jobfleet);
            schemas.drop(statements);
        }
    }

    /**
     * jobfleet's p50 over the NOTIFY floor's, and db-scheduler's over the in-memory floor's, when
     * {@code latency} ran in the same process.
     */
    static void ratios(Report report) {
        ratio(report, JobfleetBench.SYSTEM, NOTIFY);
        ratio(report, DbSchedulerBench.SYSTEM, MEMORY);
    }

    private static void ratio(Report report, String system, String floor) {
        report.find("latency", system, "p50").ifPresent(measured -> report.find(WORKLOAD, floor, "p50")
                .ifPresent(f -> report.add(WORKLOAD, system, "p50 / " + floor + " p50", measured.value() / f.value(),
                        "x", system + "'s latency p50 of this run over the floor's, same process")));
    }

    private static String method(Path p, int jobs, int rounds) {
        return "handler start - just before the insert, same JVM; " + p.description() + "; " + rounds + " rounds of "
                + jobs + " jobs, taking turns with the other floor paths";
    }

    /** Creates the floor's tables and triggers; {@code connections} gives the bare paths their connections. */
    private List<Path> setUp(Database connections, String floor, String jobfleet, String statements) {
        String f = Schemas.quote(floor);
        String notifyChannel = floor;
        for (String table : List.of("notified", "woken")) {
            server.execute("CREATE TABLE " + f + "." + table
                    + " (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, status text NOT NULL DEFAULT 'pending')");
            server.execute("CREATE INDEX ON " + f + "." + table + " (id) WHERE status = 'pending'");
        }
        server.execute("CREATE FUNCTION " + f + ".notify() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
                + "PERFORM pg_catalog.pg_notify('" + notifyChannel + "', ''); RETURN NULL; END $$");
        server.execute("CREATE TRIGGER notify AFTER INSERT ON " + f + ".notified FOR EACH ROW EXECUTE FUNCTION "
                + f + ".notify()");
        String j = Schemas.quote(jobfleet);
        String jobsChannel = jobfleet;
        server.execute("ALTER TABLE " + j + ".jobs DISABLE TRIGGER USER");
        server.execute("CREATE FUNCTION " + j + ".floor_notify() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
                + "PERFORM pg_catalog.pg_notify('" + jobsChannel + "', ''); RETURN NULL; END $$");
        server.execute("CREATE TRIGGER floor_notify AFTER INSERT ON " + j + ".jobs FOR EACH ROW EXECUTE FUNCTION "
                + j + ".floor_notify()");
        String notified = "INSERT INTO " + f + ".notified DEFAULT VALUES RETURNING id";
        String woken = "INSERT INTO " + f + ".woken DEFAULT VALUES RETURNING id";
        String jobs = "INSERT INTO " + j + ".jobs (queue, kind, payload) VALUES ('" + QUEUE + "', '" + QUEUE
                + "', '{}') RETURNING id";
        return List.of(
                new Path(NOTIFY, "two-column table, a row trigger's NOTIFY, the listener claims one row",
                        notifyChannel, () -> new SqlStatements(connections, notified, oneRowClaim(f + ".notified"))),
                new Path(MEMORY, "two-column table, the inserting thread wakes the claiming thread in memory",
                        null, () -> new SqlStatements(connections, woken, oneRowClaim(f + ".woken"))),
                new Path(JOBS_TABLE, "jobfleet's jobs table, its triggers off, a row trigger's NOTIFY, a plain INSERT, "
                        + "a claim of up to " + HANDLER_THREADS + " without flow control",
                        jobsChannel, () -> new SqlStatements(connections, jobs, jobsClaim(j))),
                new Path(STATEMENTS, "jobfleet's enqueue and claim statements and triggers, no worker around them",
                        statements + ".jobs",
                        () -> new JobfleetStatements(Database.open(server.dbConfig(statements, 4), "jobfleet-bench-floor"))));
    }

    private static String oneRowClaim(String table) {
        return "UPDATE " + table + " SET status = 'running' WHERE id = (SELECT id FROM " + table
                + " WHERE status = 'pending' ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED) RETURNING id";
    }

    /** jobfleet's claim of up to a handler pool's worth, without its flow-control checks and its asynchronous commit. */
    private static String jobsClaim(String schema) {
        return "UPDATE " + schema + ".jobs j SET status = 'running', attempts = j.attempts + 1, locked_by = 'floor', "
                + "claim_token = nextval('" + schema + ".jobs_claim_token_seq'), "
                + "lease_until = now() + make_interval(secs => 15), started_at = now(), updated_at = now() "
                + "WHERE j.id = ANY (ARRAY(SELECT p.id FROM " + schema + ".jobs p WHERE p.status = 'pending' "
                + "AND p.queue = '" + QUEUE + "' AND p.scheduled_at <= now() ORDER BY p.priority DESC, p.scheduled_at, p.id "
                + "LIMIT " + HANDLER_THREADS + " FOR UPDATE SKIP LOCKED)) "
                + "RETURNING j.id, j.queue, j.kind, j.payload::text, j.priority, j.attempts, j.max_attempts, "
                + "j.timeout_seconds, j.scheduled_at, j.created_at, j.claim_token, j.traceparent";
    }

    /** One round of {@code path}; {@code connections} opens the claiming thread's LISTEN connection. */
    private void measure(Database connections, Path path, int jobs, Latencies total, Latencies afterInsert)
            throws Exception {
        StartMarks marks = new StartMarks();
        ExecutorService handlers = Executors.newFixedThreadPool(HANDLER_THREADS);
        Semaphore wake = new Semaphore(0);
        try (Statements statements = path.opener().open()) {
            Claimer claimer = new Claimer(connections, path, statements,
                    id -> handlers.execute(() -> marks.started(id)), wake);
            claimer.start();
            try {
                for (int i = 0; i < jobs; i++) {
                    long before = System.nanoTime();
                    long id = statements.insert();
                    long returned = System.nanoTime();
                    if (!path.notifies()) {
                        wake.release();
                    }
                    long started = marks.awaitStart(id, START_TIMEOUT_MS);
                    total.add(started - before);
                    afterInsert.add(started - returned);
                }
            } finally {
                claimer.stop();
            }
        } finally {
            handlers.shutdown();
            handlers.awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    /**
     * The thread that claims: it waits for a notification on its LISTEN connection, or for the
     * inserting thread's wake-up, then runs the path's claim and hands each claimed row on.
     */
    private static final class Claimer {
        private static final int WAIT_MS = 200;
        private final Database connections;
        private final Path path;
        private final Statements statements;
        private final LongConsumer claimed;
        private final Semaphore wake;
        private final Thread thread;
        private volatile boolean running = true;
        private volatile Exception failure;
        private boolean ready;

        Claimer(Database connections, Path path, Statements statements, LongConsumer claimed, Semaphore wake) {
            this.connections = connections;
            this.path = path;
            this.statements = statements;
            this.claimed = claimed;
            this.wake = wake;
            this.thread = new Thread(this::loop, "bench-floor-claimer");
            this.thread.setDaemon(true);
        }

        /** Starts the thread and returns once it listens (or waits for its wake-up). */
        void start() throws Exception {
            thread.start();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
            synchronized (this) {
                while (!ready) {
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        throw new IllegalStateException("the floor's claiming thread did not get ready within 15 s");
                    }
                    TimeUnit.NANOSECONDS.timedWait(this, left);
                }
            }
            if (failure != null) {
                throw failure;
            }
        }

        private void loop() {
            try (Connection listening = path.notifies() ? connections.openDedicatedConnection("jobfleet-bench-floor") : null) {
                PGConnection pg = null;
                if (listening != null) {
                    try (Statement s = listening.createStatement()) {
                        s.execute("LISTEN \"" + path.channel() + "\"");
                    }
                    pg = listening.unwrap(PGConnection.class);
                }
                ready();
                while (running) {
                    boolean woken = pg != null ? pg.getNotifications(WAIT_MS).length > 0
                            : wake.tryAcquire(WAIT_MS, TimeUnit.MILLISECONDS);
                    if (woken) {
                        statements.claim(claimed);
                    }
                }
            } catch (Exception e) {
                failure = e;
                ready();
            }
        }

        private synchronized void ready() {
            ready = true;
            notifyAll();
        }

        void stop() throws Exception {
            running = false;
            thread.join(TimeUnit.SECONDS.toMillis(5));
            if (failure != null) {
                throw failure;
            }
        }
    }
}
