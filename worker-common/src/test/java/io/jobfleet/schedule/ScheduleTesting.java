package io.jobfleet.schedule;

import io.jobfleet.db.ScheduleRow;
import io.jobfleet.db.ScheduleSql;
import io.jobfleet.testing.TestDatabase;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/** Schedules for tests: drafts, a clock that stands still, and the slots the jobs table holds. */
final class ScheduleTesting {
    private ScheduleTesting() {
    }

    /** A schedule of {@code test.noop} jobs in queue {@code test}. */
    static ScheduleRow draft(String name, String cron, CatchUp policy, int catchUpMax) {
        return new ScheduleRow(name, cron, "UTC", "test", "test.noop", "{\"from\": \"schedule\"}", 0, 3, 300,
                policy.word(), catchUpMax, false, null, null, null, null, null, null);
    }

    /** A clock that moves only when told, so a test decides exactly how late every runner looks. */
    static final class StillClock implements InstantSource {
        private final AtomicReference<Instant> now;

        StillClock(Instant start) {
            now = new AtomicReference<>(start);
        }

        @Override
        public Instant instant() {
            return now.get();
        }

        void set(Instant t) {
            now.set(t);
        }
    }

    /** The slot of every job a schedule enqueued (from its dedup key), in slot order, duplicates kept. */
    static List<Instant> slotsEnqueued(TestDatabase db, String schedule) {
        String prefix = "schedule:" + schedule + ":";
        return db.db().jdbi().withHandle(h -> h.createQuery("SELECT dedup_key FROM " + db.jobs()
                        + " WHERE dedup_key LIKE :prefix ORDER BY dedup_key")
                .bind("prefix", prefix + "%").mapTo(String.class).list())
                .stream().map(k -> Instant.parse(k.substring(prefix.length()))).sorted().toList();
    }

    static ScheduleRow row(ScheduleSql sql, String name) {
        return sql.find(name).orElseThrow(() -> new AssertionError("no schedule " + name));
    }

    /** Every second from {@code first} to {@code last}, both included. */
    static List<Instant> everySecond(Instant first, Instant last) {
        return java.util.stream.Stream.iterate(first, t -> !t.isAfter(last), t -> t.plusSeconds(1)).toList();
    }
}
