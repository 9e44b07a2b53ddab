package io.jobfleet.db;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * The statements on the schedules table ({@code sql/schedule/*.sql}): the operator's changes and
 * the runner's read of due schedules and its compare-and-set enqueue. Every {@code now} is the
 * transaction's {@code now()} when null, a test clock's instant otherwise.
 */
public final class ScheduleSql {
    private final Jdbi jdbi;
    private final QueueSql queue;
    private final String list;
    private final String due;
    private final String nextRun;
    private final String now;
    private final String advance;
    private final String setLastJob;
    private final String insert;
    private final String remove;
    private final String pause;
    private final String resume;

    public ScheduleSql(Database db) {
        this.jdbi = db.jdbi();
        this.queue = db.queue();
        String schema = db.schema();
        this.list = NamedSql.load("schedule/list", schema);
        this.due = NamedSql.load("schedule/due", schema);
        this.nextRun = NamedSql.load("schedule/next_run", schema);
        this.now = NamedSql.load("schedule/now", schema);
        this.advance = NamedSql.load("schedule/advance", schema);
        this.setLastJob = NamedSql.load("schedule/set_last_job", schema);
        this.insert = NamedSql.load("schedule/insert", schema);
        this.remove = NamedSql.load("schedule/remove", schema);
        this.pause = NamedSql.load("schedule/pause", schema);
        this.resume = NamedSql.load("schedule/resume", schema);
    }

    /** The database's time ({@code now} itself when not null). */
    public Instant now(Instant now) {
        return jdbi.withHandle(h -> h.createQuery(this.now).bind("now", at(now))
                .mapTo(OffsetDateTime.class).one().toInstant());
    }

    /** Every schedule, or only {@code name}, with the status of its last slot's job. */
    public List<ScheduleRow> list(String name, Instant now) {
        return jdbi.withHandle(h -> h.createQuery(list).bind("name", name).bind("now", at(now))
                .map((rs, ctx) -> row(rs)).list());
    }

    public Optional<ScheduleRow> find(String name) {
        return list(name, null).stream().findFirst();
    }

    /** Up to {@code limit} active schedules with a slot due at {@code now}, earliest first. */
    public List<ScheduleRow> due(Instant now, int limit) {
        return jdbi.withHandle(h -> h.createQuery(due).bind("now", at(now)).bind("limit", limit)
                .map((rs, ctx) -> row(rs)).list());
    }

    /** When the earliest slot of an active schedule falls due (empty: none), and the database's now. */
    public NextRun nextRun(Instant now) {
        return jdbi.withHandle(h -> h.createQuery(nextRun).bind("now", at(now))
                .map((rs, ctx) -> new NextRun(Optional.ofNullable(QueueSql.instant(rs, "next_run")),
                        QueueSql.instant(rs, "db_now")))
                .one());
    }

    /**
     * Enqueues {@code slots} of a schedule read as {@code read} and moves it to {@code newNextRun},
     * in one transaction, only if no other process moved it since it was read (compare-and-set on
     * next_run and last_slot). Each slot's job has the dedup key {@code dedupKeys} gives it.
     *
     * @return the ids of the jobs enqueued, in slot order; empty when another process won
     */
    public Optional<List<Long>> enqueueSlots(ScheduleRow read, List<Instant> slots, List<String> dedupKeys,
                                             Instant newNextRun) {
        if (slots.size() != dedupKeys.size()) {
            throw new IllegalArgumentException(slots.size() + " slots but " + dedupKeys.size() + " dedup keys");
        }
        Instant newLastSlot = slots.isEmpty() ? read.lastSlot() : slots.get(slots.size() - 1);
        return jdbi.inTransaction(h -> {
            int moved = h.createUpdate(advance)
                    .bind("name", read.name())
                    .bind("nextRun", at(newNextRun))
                    .bind("lastSlot", at(newLastSlot))
                    .bind("expectedNextRun", at(read.nextRun()))
                    .bind("expectedLastSlot", at(read.lastSlot()))
                    .execute();
            if (moved == 0) {
                return Optional.<List<Long>>empty();
            }
            List<Long> ids = new java.util.ArrayList<>(slots.size());
            for (String key : dedupKeys) {
                ids.add(queue.enqueue(h, read.job().withDedupKey(key)));
            }
            if (!ids.isEmpty()) {
                setLastJob(h, read.name(), ids.get(ids.size() - 1));
            }
            return Optional.of(List.copyOf(ids));
        });
    }

    private void setLastJob(Handle h, String name, long jobId) {
        h.createUpdate(setLastJob).bind("name", name).bind("jobId", jobId).execute();
    }

    /** Adds a schedule; false when the name is taken. */
    public boolean insert(ScheduleRow s) {
        return jdbi.withHandle(h -> h.createUpdate(insert)
                .bind("name", s.name()).bind("cron", s.cron()).bind("timeZone", s.timeZone())
                .bind("queue", s.queue()).bind("kind", s.kind()).bind("payload", s.payload())
                .bind("priority", s.priority()).bind("maxAttempts", s.maxAttempts())
                .bind("timeoutSeconds", s.timeoutSeconds()).bind("catchUp", s.catchUp())
                .bind("catchUpMax", s.catchUpMax()).bind("nextRun", at(s.nextRun()))
                .execute() == 1);
    }

    /** Removes a schedule (its jobs stay); false when there is none of that name. */
    public boolean remove(String name) {
        return jdbi.withHandle(h -> h.createUpdate(remove).bind("name", name).execute() == 1);
    }

    /** Pauses a schedule; false when there is none of that name. */
    public boolean pause(String name) {
        return jdbi.withHandle(h -> h.createUpdate(pause).bind("name", name).execute() == 1);
    }

    /** Resumes a paused schedule at {@code nextRun}; false when it does not exist or was not paused. */
    public boolean resume(String name, Instant nextRun) {
        return jdbi.withHandle(h -> h.createUpdate(resume).bind("name", name).bind("nextRun", at(nextRun))
                .execute() == 1);
    }

    /** Enqueues one job of the schedule at once, apart from its slots; returns its id. */
    public long runNow(ScheduleRow s) {
        return queue.enqueue(s.job());
    }

    private static ScheduleRow row(ResultSet rs) throws SQLException {
        long lastJob = rs.getLong("last_job_id");
        Long lastJobId = rs.wasNull() ? null : lastJob;
        return new ScheduleRow(rs.getString("name"), rs.getString("cron"), rs.getString("time_zone"),
                rs.getString("queue"), rs.getString("kind"), rs.getString("payload"), rs.getInt("priority"),
                rs.getInt("max_attempts"), rs.getInt("timeout_seconds"), rs.getString("catch_up"),
                rs.getInt("catch_up_max"), rs.getBoolean("paused"), QueueSql.instant(rs, "next_run"),
                QueueSql.instant(rs, "last_slot"), lastJobId, rs.getString("last_job_status"),
                rs.getString("last_job_error"), QueueSql.instant(rs, "db_now"));
    }

    private static OffsetDateTime at(Instant t) {
        return t == null ? null : t.atOffset(ZoneOffset.UTC);
    }

    /** The earliest due slot of an active schedule (empty: none) and the database's time. */
    public record NextRun(Optional<Instant> at, Instant dbNow) {
    }
}
