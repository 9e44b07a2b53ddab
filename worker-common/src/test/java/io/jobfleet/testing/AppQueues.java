package io.jobfleet.testing;

import io.jobfleet.bridge.BridgeConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.jdbi.v3.core.mapper.CaseStrategy;
import org.jdbi.v3.core.mapper.MapMappers;

/**
 * The app's three queue tables as its migrations create them, in the app schema of a
 * {@link TestDatabase}, and the app's own INSERT statements, unchanged: Prisma's {@code Job}
 * ({@code @@map("jobs")}, enum types, cuid text ids, timestamp(3) columns), {@code async_jobs}
 * and {@code processing_queue} (uuid ids). The shipped bridge files of deploy/bridges serve them.
 */
public final class AppQueues {
    private final TestDatabase db;
    private final String schema;

    private AppQueues(TestDatabase db) {
        this.db = db;
        this.schema = "\"" + db.config().appSchema() + "\"";
    }

    /** Creates the three tables (as Prisma's and the app's migrations do). */
    public static AppQueues create(TestDatabase db) {
        AppQueues q = new AppQueues(db);
        String s = q.schema;
        db.db().jdbi().useHandle(h -> h.execute(String.join("\n",
                // prisma migrate: enum JobType, enum JobStatus, model Job @@map("jobs")
                "CREATE TYPE " + s + ".\"JobType\" AS ENUM ('EXTRACT_REQUIREMENTS');",
                "CREATE TYPE " + s + ".\"JobStatus\" AS ENUM ('PENDING', 'PROCESSING', 'COMPLETED', 'FAILED', 'CANCELLED');",
                "CREATE TABLE " + s + ".\"jobs\" (",
                "    \"id\" TEXT NOT NULL,",
                "    \"type\" " + s + ".\"JobType\" NOT NULL,",
                "    \"status\" " + s + ".\"JobStatus\" NOT NULL DEFAULT 'PENDING',",
                "    \"payload\" JSONB NOT NULL,",
                "    \"result\" JSONB,",
                "    \"error\" TEXT,",
                "    \"attempts\" INTEGER NOT NULL DEFAULT 0,",
                "    \"maxAttempts\" INTEGER NOT NULL DEFAULT 3,",
                "    \"priority\" INTEGER NOT NULL DEFAULT 0,",
                "    \"scheduledAt\" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,",
                "    \"startedAt\" TIMESTAMP(3),",
                "    \"completedAt\" TIMESTAMP(3),",
                "    \"createdAt\" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,",
                "    \"updatedAt\" TIMESTAMP(3) NOT NULL,",
                "    CONSTRAINT \"jobs_pkey\" PRIMARY KEY (\"id\")",
                ");",
                "CREATE INDEX \"jobs_type_status_scheduledAt_idx\" ON " + s + ".\"jobs\"(\"type\", \"status\", \"scheduledAt\");",
                // the app's own migrations
                "CREATE TABLE " + s + ".async_jobs (",
                "    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),",
                "    type text NOT NULL,",
                "    status text NOT NULL DEFAULT 'pending',",
                "    payload jsonb NOT NULL DEFAULT '{}',",
                "    result jsonb,",
                "    error text,",
                "    created_at timestamptz NOT NULL DEFAULT now(),",
                "    started_at timestamptz,",
                "    completed_at timestamptz,",
                "    updated_at timestamptz NOT NULL DEFAULT now()",
                ");",
                "CREATE TABLE " + s + ".processing_queue (",
                "    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),",
                "    invoice_id uuid NOT NULL,",
                "    status text NOT NULL DEFAULT 'pending',",
                "    priority int NOT NULL DEFAULT 0,",
                "    attempts int NOT NULL DEFAULT 0,",
                "    error text,",
                "    created_at timestamptz NOT NULL DEFAULT now(),",
                "    started_at timestamptz,",
                "    completed_at timestamptz",
                ");")));
        return q;
    }

    /** A shipped bridge file ({@code deploy/bridges/NAME}) pointed at this schema's table. */
    public BridgeConfig bridge(String file, String table) {
        Path p = Path.of("..", "deploy", "bridges", file);
        if (!Files.exists(p)) {
            throw new AssertionError("missing " + p.toAbsolutePath());
        }
        return BridgeConfig.read(p).withTable(schema + ".\"" + table + "\"");
    }

    /** Prisma Client's insert of a {@code Job} (prisma.job.create), as it sends it. */
    public String insertPrismaJob(String payloadJson) {
        String id = cuid();
        LocalDateTime now = LocalDateTime.now(ZoneOffset.UTC);
        db.db().jdbi().useHandle(h -> h.createUpdate("INSERT INTO " + schema + ".\"jobs\" (\"id\",\"type\",\"status\","
                        + "\"payload\",\"attempts\",\"maxAttempts\",\"priority\",\"scheduledAt\",\"createdAt\",\"updatedAt\") "
                        + "VALUES (?,CAST(?::text AS " + schema + ".\"JobType\"),CAST(?::text AS " + schema + ".\"JobStatus\"),"
                        + "CAST(? AS jsonb),?,?,?,?,?,?)")
                .bind(0, id).bind(1, "EXTRACT_REQUIREMENTS").bind(2, "PENDING").bind(3, payloadJson)
                .bind(4, 0).bind(5, 3).bind(6, 0).bind(7, now).bind(8, now).bind(9, now)
                .execute());
        return id;
    }

    /** The app's insert into {@code async_jobs}. */
    public UUID insertAsyncJob(String type, String payloadJson) {
        return db.db().jdbi().withHandle(h -> h.createQuery("INSERT INTO " + schema + ".async_jobs (type, status, payload) "
                + "VALUES (?, 'pending', CAST(? AS jsonb)) RETURNING id")
                .bind(0, type).bind(1, payloadJson).mapTo(UUID.class).one());
    }

    /** The app's insert into {@code processing_queue}. */
    public UUID insertInvoice(UUID invoiceId, int priority) {
        return db.db().jdbi().withHandle(h -> h.createQuery("INSERT INTO " + schema + ".processing_queue "
                + "(invoice_id, status, priority) VALUES (?, 'pending', ?) RETURNING id")
                .bind(0, invoiceId).bind(1, priority).mapTo(UUID.class).one());
    }

    /** One row of an app table, every column as text (null stays null). */
    public Map<String, Object> row(String table, Object id) {
        return db.db().jdbi().withHandle(h -> {
            h.getConfig(MapMappers.class).setCaseChange(CaseStrategy.NOP);
            return h.createQuery("SELECT * FROM " + schema + ".\"" + table + "\" WHERE id = CAST(? AS "
                    + (id instanceof UUID ? "uuid" : "text") + ")").bind(0, id.toString()).mapToMap().one();
        });
    }

    /** The status word of one row. */
    public String status(String table, Object id) {
        return String.valueOf(row(table, id).get("status"));
    }

    /** The app's stats query on processing_queue, as it runs it: status -> (count, avg seconds). */
    public List<Map<String, Object>> invoiceStats() {
        return db.db().jdbi().withHandle(h -> h.createQuery("SELECT status, count(*), avg(extract(epoch from completed_at - "
                + "started_at)) FROM " + schema + ".processing_queue GROUP BY status").mapToMap().list());
    }

    /** Runs SQL in the app schema (the app's own updates, e.g. a cancel). */
    public int update(String sql, Object... args) {
        return db.db().jdbi().withHandle(h -> {
            var u = h.createUpdate(sql.replace("{app}", schema));
            for (int i = 0; i < args.length; i++) {
                u.bind(i, args[i]);
            }
            return u.execute();
        });
    }

    public String schema() {
        return schema;
    }

    /** A cuid-like id (c + time + counter + random), as Prisma's @default(cuid()) makes. */
    private static String cuid() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        return "c" + Long.toString(System.currentTimeMillis(), 36) + Long.toString(r.nextLong(1L << 40, 1L << 50), 36);
    }
}
