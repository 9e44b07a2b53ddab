package io.jobfleet.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Jobs in every state an operator meets, inserted directly (the engine would take minutes to get
 * there). Queue {@code alpha} has workers ({@code w-live} holds a job and finished some; {@code w-dead}
 * holds two jobs with expired leases, one with its attempts spent; {@code w-hung} holds one past
 * its timeout). Queue {@code documents} has due jobs waiting 20 minutes and no worker at all.
 * Times are relative to the database's {@code now()}.
 */
public final class JobsInEveryState {
    public static final String QUEUE = "alpha";
    public static final String IDLE_QUEUE = "documents";

    public final long pendingDue;
    public final long pendingFuture;
    public final long retrying;
    public final long duplicate1;
    public final long duplicate2;
    public final long runningLive;
    public final long runningExpired;
    public final long runningExpiredSpent;
    public final long runningPastTimeout;
    public final long completedRecentSlow;
    public final long completedRecentFast;
    public final long completedOld;
    public final long failedTimeout;
    public final long failedBadPayload1;
    public final long failedBadPayload2;
    public final long failedOld;
    public final long cancelledRecent;
    public final long cancelledOld;
    public final long idle1;
    public final long idle2;

    private final TestDatabase db;
    private final AtomicInteger seq = new AtomicInteger();

    private JobsInEveryState(TestDatabase db) {
        this.db = db;
        pendingDue = insert(QUEUE, "doc.render", "pending", "scheduled_at", "now() - interval '5 minutes'",
                "created_at", "now() - interval '5 minutes'");
        pendingFuture = insert(QUEUE, "doc.render", "pending", "scheduled_at", "now() + interval '1 hour'");
        retrying = insert(QUEUE, "doc.render", "pending", "attempts", "1", "scheduled_at", "now() + interval '1 minute'",
                "last_error", "'rate limited'", "errors", errors("rate_limited", "rate limited by the LLM endpoint",
                        "now() - interval '1 minute'"));
        duplicate1 = insert(QUEUE, "doc.render", "pending", "payload", "'{\"doc\": 7}'");
        duplicate2 = insert(QUEUE, "doc.render", "pending", "payload", "'{\"doc\": 7}'");
        runningLive = insert(QUEUE, "doc.render", "running", "attempts", "1", "locked_by", "'w-live'",
                "lease_until", "now() + interval '1 hour'", "started_at", "now() - interval '10 seconds'",
                "updated_at", "now() - interval '10 seconds'");
        runningExpired = insert(QUEUE, "doc.render", "running", "attempts", "1", "locked_by", "'w-dead'",
                "lease_until", "now() - interval '5 minutes'", "started_at", "now() - interval '6 minutes'",
                "updated_at", "now() - interval '6 minutes'", "timeout_seconds", "3600");
        runningExpiredSpent = insert(QUEUE, "doc.render", "running", "attempts", "3", "max_attempts", "3",
                "locked_by", "'w-dead'", "lease_until", "now() - interval '4 minutes'",
                "started_at", "now() - interval '6 minutes'", "updated_at", "now() - interval '6 minutes'",
                "timeout_seconds", "3600");
        runningPastTimeout = insert(QUEUE, "doc.slow", "running", "attempts", "1", "locked_by", "'w-hung'",
                "lease_until", "now() + interval '1 hour'", "started_at", "now() - interval '10 minutes'",
                "updated_at", "now() - interval '10 minutes'", "timeout_seconds", "60");
        completedRecentSlow = finished("completed", "w-live", "now() - interval '70 seconds'", "now() - interval '60 seconds'");
        completedRecentFast = finished("completed", "w-live", "now() - interval '122 seconds'", "now() - interval '120 seconds'");
        completedOld = finished("completed", "w-old", "now() - interval '30 days 5 seconds'", "now() - interval '30 days'");
        failedTimeout = failed("timeout", "attempt 3 ran past its 60 s timeout and was interrupted", "w-live",
                "now() - interval '5 minutes'");
        failedBadPayload1 = failed("bad_payload", "payload is missing required field 'name'", "w-live",
                "now() - interval '10 minutes'");
        failedBadPayload2 = failed("bad_payload", "payload field 'times' must be an integer", "w-live",
                "now() - interval '8 minutes'");
        failedOld = failed("error", "IllegalStateException: boom", "w-old", "now() - interval '30 days'");
        cancelledRecent = insert(QUEUE, "doc.render", "cancelled", "completed_at", "now() - interval '3 minutes'",
                "updated_at", "now() - interval '3 minutes'");
        cancelledOld = insert(QUEUE, "doc.render", "cancelled", "completed_at", "now() - interval '30 days'",
                "updated_at", "now() - interval '30 days'");
        idle1 = insert(IDLE_QUEUE, "document.extract", "pending", "scheduled_at", "now() - interval '20 minutes'");
        idle2 = insert(IDLE_QUEUE, "document.extract", "pending", "scheduled_at", "now() - interval '19 minutes'");
    }

    /** Empties the jobs table of {@code db} and inserts the fixture. */
    public static JobsInEveryState insert(TestDatabase db) {
        db.truncateJobs();
        return new JobsInEveryState(db);
    }

    public List<Long> expiredLeases() {
        return List.of(runningExpired, runningExpiredSpent);
    }

    public List<Long> old() {
        return List.of(completedOld, failedOld, cancelledOld);
    }

    public List<Long> failedInAlpha() {
        return List.of(failedTimeout, failedBadPayload1, failedBadPayload2, failedOld);
    }

    private long finished(String status, String worker, String started, String completed) {
        return insert(QUEUE, "doc.render", status, "attempts", "1", "locked_by", "'" + worker + "'",
                "started_at", started, "completed_at", completed, "updated_at", completed,
                "result", "'{\"ok\": true}'");
    }

    private long failed(String errorClass, String message, String worker, String at) {
        return insert(QUEUE, "doc.render", "failed", "attempts", "3", "locked_by", "'" + worker + "'",
                "started_at", at + " - interval '1 second'", "completed_at", at, "updated_at", at,
                "last_error", quote(message), "errors", errors(errorClass, message, at));
    }

    private static String errors(String errorClass, String message, String at) {
        return "jsonb_build_array(jsonb_build_object('attempt', 1, 'at', " + at + ", 'worker', 'w-live', "
                + "'class', " + quote(errorClass) + ", 'message', " + quote(message) + "))";
    }

    private static String quote(String s) {
        return "'" + s.replace("'", "''") + "'";
    }

    /** Inserts one row; {@code columns} are pairs of a column name and a SQL expression. */
    private long insert(String queue, String kind, String status, String... columns) {
        List<String> names = new ArrayList<>(List.of("queue", "kind", "status", "payload"));
        List<String> values = new ArrayList<>(List.of(":queue", ":kind", ":status",
                "CAST(:payload AS jsonb)"));
        for (int i = 0; i < columns.length; i += 2) {
            int at = names.indexOf(columns[i]);
            if (at >= 0) {
                values.set(at, columns[i + 1]);
            } else {
                names.add(columns[i]);
                values.add(columns[i + 1]);
            }
        }
        String sql = "INSERT INTO " + db.jobs() + " (" + String.join(", ", names) + ") VALUES ("
                + String.join(", ", values) + ") RETURNING id";
        return db.db().jdbi().withHandle(h -> h.createQuery(sql)
                .bind("queue", queue).bind("kind", kind).bind("status", status)
                .bind("payload", "{\"n\": " + seq.incrementAndGet() + "}")
                .mapTo(Long.class).one());
    }
}
