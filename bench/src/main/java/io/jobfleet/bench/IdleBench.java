package io.jobfleet.bench;

import io.jobfleet.config.DbConfig;
import io.jobfleet.config.EngineConfig;
import io.jobfleet.config.Secret;
import io.jobfleet.db.Database;
import io.jobfleet.engine.Worker;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * What an idle worker (production settings, nothing to do) sends to the database. Counted with
 * pg_stat_statements: the worker logs in as a role of its own, so every statement it sends (BEGIN,
 * COMMIT and connection set-up included) and only those are counted. Without pg_stat_statements
 * or the right to create a role, the fallback samples {@code pg_stat_database} transaction
 * counters, which also count any other client of the database.
 */
final class IdleBench {
    private final BenchServer server;
    private final Schemas schemas;
    private final Report report;
    private final StatementStats statements;

    IdleBench(BenchServer server, Schemas schemas, Report report, StatementStats statements) {
        this.server = server;
        this.schemas = schemas;
        this.report = report;
        this.statements = statements;
    }

    void run(Duration window) throws InterruptedException {
        run(window, 1);
    }

    /**
     * {@code workers} idle workers, each with its own pool as a worker process has, watched for
     * {@code window}. One worker's figures carry no suffix; a fleet's say {@code [N workers]} and
     * add the connections it holds.
     */
    void run(Duration window, int workers) throws InterruptedException {
        String schema = schemas.jobfleet("jf_idle");
        String role = "bench_idle_" + ProcessHandle.current().pid();
        String password = HexFormat.of().formatHex(new SecureRandom().generateSeed(12));
        // a user= in the URL would override the role's login
        boolean ownRole = statements.available() && !server.url().contains("user=") && createRole(role, password, schema);
        DbConfig config = ownRole
                ? new DbConfig(server.url(), role, Secret.of(password), schema, DbConfig.APP_SCHEMA_DEFAULT, 12)
                : server.dbConfig(schema, 12);
        EngineConfig engine = EngineConfig.defaults(BenchHandlers.QUEUE);
        String suffix = workers == 1 ? "" : " [" + workers + " workers]";
        List<Long> perMinute = new ArrayList<>();
        long startCount = ownRole ? 0 : transactions();
        long total;
        long connections = 0;
        List<Database> pools = new ArrayList<>();
        List<Worker> fleet = new ArrayList<>();
        try {
            for (int i = 0; i < workers; i++) {
                Database db = Database.open(config, "jobfleet-bench-idle");
                pools.add(db);
                fleet.add(JobfleetBench.worker(db, engine, BenchHandlers.noop(new StartMarks())));
            }
            long t0 = System.nanoTime();
            fleet.forEach(Worker::start);
            long previous = 0;
            long elapsed = 0;
            while (elapsed < window.toMillis()) {
                long step = Math.min(60_000, window.toMillis() - elapsed);
                Thread.sleep(Math.max(0, (elapsed + step) - (System.nanoTime() - t0) / 1_000_000));
                elapsed += step;
                long now = ownRole ? StatementStats.statementsSent(statements.byRole(role)) : transactions() - startCount;
                if (step == 60_000) {
                    perMinute.add(now - previous);
                }
                previous = now;
            }
            total = previous;
            if (ownRole) {
                connections = server.queryLong("SELECT count(*) FROM pg_stat_activity WHERE usename = '" + role + "'");
            }
        } finally {
            fleet.parallelStream().forEach(w -> w.shutdown(Duration.ofSeconds(5)));
            pools.forEach(Database::close);
        }
        double minutes = window.toMillis() / 60_000.0;
        String method = ownRole
                ? "pg_stat_statements calls of the workers' own role over " + window.toSeconds() + " s from start "
                        + "(every statement incl. connection set-up, LISTEN, BEGIN, and one COMMIT per BEGIN)"
                : "pg_stat_database xact_commit+xact_rollback delta over " + window.toSeconds() + " s (approximate: "
                        + "counts transactions of every client of this database)";
        report.add("idle", JobfleetBench.SYSTEM, "queries/min (whole window)" + suffix, total / minutes, "stmt/min", method);
        for (int i = 0; i < perMinute.size() && window.toSeconds() > 60; i++) {
            report.add("idle", JobfleetBench.SYSTEM, "queries in minute " + (i + 1) + suffix, perMinute.get(i), "stmts",
                    i == 0 ? "includes start-up and the poll backoff ramp 2 s -> 30 s" : "steady state");
        }
        if (ownRole) {
            JobfleetBench.check(total > 0, "idle: no statement seen from role " + role + ": the worker did not log in as it");
            if (workers > 1) {
                report.add("idle", JobfleetBench.SYSTEM, "connections" + suffix, connections, "conns",
                        "server connections of the workers' role at the end of the window (pools and LISTEN)");
            }
            List<StatementStats.Row> rows = statements.byRole(role);
            report.detail("idle_statements" + (workers == 1 ? "" : "_" + workers), JobfleetBench.asMap(rows));
            if (workers == 1) {
                rows.forEach(r -> report.note("idle worker sent " + r.calls() + "x: " + r.query()));
            }
            dropRole(role);
        }
        schemas.drop(schema);
    }

    private boolean createRole(String role, String password, String schema) {
        try {
            server.execute("CREATE ROLE " + role + " LOGIN PASSWORD '" + password + "'");
            server.execute("GRANT USAGE ON SCHEMA " + Schemas.quote(schema) + " TO " + role);
            server.execute("GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA " + Schemas.quote(schema)
                    + " TO " + role);
            server.execute("GRANT USAGE ON ALL SEQUENCES IN SCHEMA " + Schemas.quote(schema) + " TO " + role);
            return true;
        } catch (RuntimeException e) {
            System.err.println("bench: idle: cannot create a role of its own (" + e.getMessage()
                    + "); falling back to pg_stat_database counters");
            dropRole(role);
            return false;
        }
    }

    private void dropRole(String role) {
        try {
            server.execute("DROP OWNED BY " + role);
            server.execute("DROP ROLE IF EXISTS " + role);
        } catch (RuntimeException ignored) {
            // it may not exist
        }
    }

    private long transactions() {
        return server.queryLong("SELECT xact_commit + xact_rollback FROM pg_stat_database "
                + "WHERE datname = current_database()");
    }
}
