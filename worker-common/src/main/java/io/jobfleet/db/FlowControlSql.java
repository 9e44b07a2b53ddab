package io.jobfleet.db;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Pauses and fleet-wide caps (tables {@code pauses} and {@code limits}, schema version 7). The
 * claim statement reads them, so a change holds for every worker at its next claim; a change
 * that lets jobs run again (resume, a higher or removed cap) wakes the queue's workers at once.
 */
public final class FlowControlSql {
    private final Jdbi jdbi;
    private final String channel;
    private final String pause;
    private final String resume;
    private final String pauses;
    private final String limitSet;
    private final String limitClear;
    private final String limits;
    private final String notify;

    FlowControlSql(Jdbi jdbi, String schema) {
        this.jdbi = jdbi;
        this.channel = schema + ".jobs";
        this.pause = NamedSql.load("admin/pause", schema);
        this.resume = NamedSql.load("admin/resume", schema);
        this.pauses = NamedSql.load("admin/pauses", schema);
        this.limitSet = NamedSql.load("admin/limit_set", schema);
        this.limitClear = NamedSql.load("admin/limit_clear", schema);
        this.limits = NamedSql.load("admin/limits", schema);
        this.notify = NamedSql.load("admin/notify", schema);
    }

    /** A stored pause: {@code kind} null pauses the whole queue, {@code until} null until resumed. */
    public record Pause(String queue, String kind, String reason, String pausedBy, Instant pausedAt, Instant until,
                        boolean expired, long pending) {
    }

    /** A fleet-wide cap and the jobs it counts now. */
    public record Limit(String queue, String kind, int maxRunning, String setBy, Instant setAt, long running) {
    }

    /** Pauses {@code queue} (or one kind of it) until resumed ({@code duration} null) or for {@code duration}. */
    public Pause pause(String queue, String kind, String reason, String pausedBy, Duration duration) {
        return jdbi.withHandle(h -> h.createQuery(pause)
                .bind("queue", queue).bind("kind", kind).bind("reason", reason).bind("pausedBy", pausedBy)
                .bind("forSeconds", duration == null ? null : duration.toMillis() / 1000.0)
                .map((rs, ctx) -> pause(rs, false, 0)).one());
    }

    /** Lifts every pause of {@code queue} ({@code kind} null) or that of one kind; wakes the queue's workers. */
    public List<Pause> resume(String queue, String kind) {
        return jdbi.inTransaction(h -> {
            List<Pause> lifted = h.createQuery(resume).bind("queue", queue).bind("kind", kind)
                    .map((rs, ctx) -> pause(rs, false, 0)).list();
            if (!lifted.isEmpty()) {
                notify(h, queue);
            }
            return lifted;
        });
    }

    /** Stored pauses of {@code queue} (null: all), expired ones included and marked. */
    public List<Pause> pauses(String queue) {
        return jdbi.withHandle(h -> h.createQuery(pauses).bind("queue", queue)
                .map((rs, ctx) -> pause(rs, rs.getBoolean("expired"), rs.getLong("pending"))).list());
    }

    /** Sets the cap of {@code queue} (or one kind of it); wakes the queue's workers, since it may have grown. */
    public void setLimit(String queue, String kind, int maxRunning, String setBy) {
        jdbi.useTransaction(h -> {
            h.createQuery(limitSet).bind("queue", queue).bind("kind", kind).bind("maxRunning", maxRunning)
                    .bind("setBy", setBy).mapTo(String.class).one();
            notify(h, queue);
        });
    }

    /** Removes a cap; false when there was none. Wakes the queue's workers. */
    public boolean clearLimit(String queue, String kind) {
        return jdbi.inTransaction(h -> {
            Optional<String> removed = h.createQuery(limitClear).bind("queue", queue).bind("kind", kind)
                    .mapTo(String.class).findFirst();
            removed.ifPresent(q -> notify(h, q));
            return removed.isPresent();
        });
    }

    /** Stored caps of {@code queue} (null: all) with what runs under them now. */
    public List<Limit> limits(String queue) {
        return jdbi.withHandle(h -> h.createQuery(limits).bind("queue", queue)
                .map((rs, ctx) -> new Limit(rs.getString("queue"), rs.getString("kind"), rs.getInt("max_running"),
                        rs.getString("set_by"), QueueSql.instant(rs, "set_at"), rs.getLong("running")))
                .list());
    }

    private void notify(Handle h, String queue) {
        h.createQuery(notify).bind("channel", channel).bind("queue", queue).mapTo(String.class).list();
    }

    private static Pause pause(ResultSet rs, boolean expired, long pending) throws SQLException {
        return new Pause(rs.getString("queue"), rs.getString("kind"), rs.getString("reason"),
                rs.getString("paused_by"), QueueSql.instant(rs, "paused_at"), QueueSql.instant(rs, "until"),
                expired, pending);
    }
}
