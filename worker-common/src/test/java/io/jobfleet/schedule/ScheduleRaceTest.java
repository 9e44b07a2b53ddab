package io.jobfleet.schedule;

import static io.jobfleet.schedule.ScheduleTesting.draft;
import static io.jobfleet.schedule.ScheduleTesting.everySecond;
import static io.jobfleet.schedule.ScheduleTesting.slotsEnqueued;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.jobfleet.db.Database;
import io.jobfleet.db.ScheduleSql;
import io.jobfleet.schedule.ScheduleTesting.StillClock;
import io.jobfleet.testing.TestDatabase;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Three runners, each on its own pool as in its own process, race for every slot of a schedule
 * that fires every second, for 15 s of clock time; one is stopped after 5 s and another starts
 * after 8 s. Every slot is enqueued exactly once, none is missed, even though each slot's job
 * finishes (so its dedup key no longer blocks) before the next slot.
 */
class ScheduleRaceTest {
    @RegisterExtension
    static final TestDatabase DB = new TestDatabase();

    private static final ScheduleRunner.Config CONFIG = new ScheduleRunner.Config(
            ScheduleRunner.Config.LATE_TOLERANCE_DEFAULT, Duration.ofSeconds(1), 50);
    private static final Instant START = Instant.parse("2032-02-02T08:00:00.500Z");

    private final List<ScheduleRunner> runners = new ArrayList<>();
    private final List<Database> pools = new ArrayList<>();

    @AfterEach
    void stop() {
        runners.forEach(r -> r.stop(Duration.ofSeconds(2)));
        pools.forEach(Database::close);
    }

    @Test
    void everySlotIsEnqueuedOnceByWhicheverRunnerGetsThereFirst() {
        ScheduleSql sql = new ScheduleSql(DB.db());
        StillClock clock = new StillClock(START);
        Instant first = new Schedules(sql).add(draft("race", "* * * * * *", CatchUp.SKIP, 100), clock.instant())
                .orElseThrow().nextRun();
        for (int i = 0; i < 3; i++) {
            start(clock);
        }
        Instant last = first;
        for (int s = 0; s < 15; s++) {
            last = first.plusSeconds(s);
            clock.set(last.plusMillis(10));
            if (s == 5) {
                runners.get(0).stop(Duration.ofSeconds(2));
            }
            if (s == 8) {
                start(clock);
            }
            runners.forEach(ScheduleRunner::wake);
            Instant slot = last;
            await().atMost(Duration.ofSeconds(10)).until(() -> slot.equals(ScheduleTesting.row(sql, "race").lastSlot()));
            // the job finishes, so the slot's dedup key would no longer keep a second enqueue out
            DB.db().jdbi().useHandle(h -> h.execute("UPDATE " + DB.jobs() + " SET status = 'completed', "
                    + "completed_at = now() WHERE status = 'pending'"));
        }
        runners.forEach(r -> r.stop(Duration.ofSeconds(2)));
        assertThat(slotsEnqueued(DB, "race")).containsExactlyElementsOf(everySecond(first, last));
        assertThat(ScheduleTesting.row(sql, "race").nextRun()).isEqualTo(last.plusSeconds(1));
    }

    private void start(StillClock clock) {
        Database pool = DB.openAnother("runner-" + pools.size(), 2);
        pools.add(pool);
        ScheduleRunner r = new ScheduleRunner(new ScheduleSql(pool), clock, "runner-" + runners.size(), CONFIG);
        r.start();
        runners.add(r);
    }
}
