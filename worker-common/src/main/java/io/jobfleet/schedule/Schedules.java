package io.jobfleet.schedule;

import io.jobfleet.config.ConfigException;
import io.jobfleet.db.ScheduleRow;
import io.jobfleet.db.ScheduleSql;
import io.jobfleet.support.Json;
import java.time.Instant;
import java.util.Optional;

/**
 * The operator's changes to schedules that need the cron expression: adding one (checked, with
 * its first run computed) and resuming one (from its next slot). The rest is plain SQL on
 * {@link ScheduleSql}.
 */
public final class Schedules {
    private final ScheduleSql sql;

    public Schedules(ScheduleSql sql) {
        this.sql = sql;
    }

    /**
     * Checks {@code draft} (its next run is ignored) and adds it, running first at the first slot
     * after {@code now} (null: the database's now); empty when the name is taken. A
     * {@link ConfigException} says what is wrong with a bad expression, zone, policy or payload.
     */
    public Optional<ScheduleRow> add(ScheduleRow draft, Instant now) {
        CronSchedule cron = check(draft);
        Instant at = sql.now(now);
        Instant first = cron.next(at).orElseThrow(() -> new ConfigException("cron expression '" + draft.cron()
                + "' never fires"));
        ScheduleRow row = new ScheduleRow(draft.name(), cron.expression(), cron.zone().getId(), draft.queue(),
                draft.kind(), draft.payload(), draft.priority(), draft.maxAttempts(), draft.timeoutSeconds(),
                draft.catchUp(), draft.catchUpMax(), false, first, null, null, null, null, at);
        return sql.insert(row) ? Optional.of(row) : Optional.empty();
    }

    /**
     * Resumes a paused schedule from its first slot after {@code now} (null: the database's now):
     * the slots that fell due while it was paused are not run. Empty when there is no such
     * schedule; false when it was not paused.
     */
    public Optional<Boolean> resume(String name, Instant now) {
        Optional<ScheduleRow> s = sql.find(name);
        if (s.isEmpty()) {
            return Optional.empty();
        }
        CronSchedule cron = CronSchedule.parse(s.get().cron(), s.get().timeZone());
        Instant at = sql.now(now);
        return Optional.of(sql.resume(name, cron.next(at).orElse(at)));
    }

    private static CronSchedule check(ScheduleRow d) {
        if (d.name() == null || !d.name().matches("[A-Za-z0-9][A-Za-z0-9._-]{0,99}")) {
            throw new ConfigException("schedule name '" + d.name() + "' must be 1 to 100 letters, digits, '.', '_' "
                    + "or '-', starting with a letter or digit");
        }
        if (d.queue() == null || d.queue().isBlank() || d.kind() == null || d.kind().isBlank()) {
            throw new ConfigException("a schedule needs a queue and a kind");
        }
        CatchUp.of(d.catchUp());
        if (d.catchUpMax() < 1) {
            throw new ConfigException("the catch-up bound must be at least 1, got " + d.catchUpMax());
        }
        if (d.maxAttempts() < 1) {
            throw new ConfigException("max attempts must be at least 1, got " + d.maxAttempts());
        }
        if (d.timeoutSeconds() < 1) {
            throw new ConfigException("the timeout must be at least 1 s, got " + d.timeoutSeconds());
        }
        if (!isObject(d.payload())) {
            throw new ConfigException("the payload must be a JSON object, e.g. {\"days\": 30}");
        }
        return CronSchedule.parse(d.cron(), d.timeZone());
    }

    private static boolean isObject(String json) {
        try {
            return json != null && Json.mapper().readTree(json).isObject();
        } catch (Exception e) {
            return false;
        }
    }
}
