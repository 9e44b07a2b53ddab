package io.jobfleet.schedule;

import static io.jobfleet.schedule.ScheduleTesting.draft;
import static io.jobfleet.schedule.ScheduleTesting.everySecond;
import static io.jobfleet.schedule.ScheduleTesting.slotsEnqueued;
import static org.assertj.core.api.Assertions.assertThat;

import io.jobfleet.db.ScheduleSql;
import io.jobfleet.schedule.ScheduleTesting.StillClock;
import io.jobfleet.testing.TestDatabase;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A schedule every second; its runner runs at the first slot, then no runner runs for 10 s (an
 * outage of every worker), then one comes back half a second after the eleventh slot. Each
 * catch-up policy enqueues what it promises, then the next slot as usual.
 */
class CatchUpTest {
    @RegisterExtension
    static final TestDatabase DB = new TestDatabase();

    /** A slot later than this counts as missed (for skip); the runner here comes back 0.5 s late. */
    private static final ScheduleRunner.Config CONFIG = new ScheduleRunner.Config(Duration.ofMillis(200),
            Duration.ofSeconds(1), 50);
    private static final Instant START = Instant.parse("2031-05-01T12:00:00.300Z");
    private static final Instant FIRST = Instant.parse("2031-05-01T12:00:01Z");

    private final ScheduleSql sql = new ScheduleSql(DB.db());
    private final StillClock clock = new StillClock(START);

    @BeforeEach
    void clean() {
        DB.truncateJobs();
        DB.db().jdbi().useHandle(h -> h.execute("DELETE FROM \"" + DB.config().schema() + "\".schedules"));
    }

    @Test
    void skipDropsTheMissedSlotsAndRunsTheNextOne() {
        assertThat(outage(CatchUp.SKIP, 100)).containsExactly(FIRST, FIRST.plusSeconds(11));
    }

    @Test
    void lastRunsTheLatestMissedSlotOnce() {
        assertThat(outage(CatchUp.LAST, 100)).containsExactly(FIRST, FIRST.plusSeconds(10), FIRST.plusSeconds(11));
    }

    @Test
    void allRunsEveryMissedSlot() {
        assertThat(outage(CatchUp.ALL, 100)).containsExactlyElementsOf(everySecond(FIRST, FIRST.plusSeconds(11)));
    }

    @Test
    void allRunsAtMostItsBoundOfTheLatestMissedSlots() {
        List<Instant> expected = new ArrayList<>(List.of(FIRST));
        expected.addAll(everySecond(FIRST.plusSeconds(7), FIRST.plusSeconds(11)));
        assertThat(outage(CatchUp.ALL, 4)).containsExactlyElementsOf(expected);
    }

    @Test
    void aPausedScheduleEnqueuesNothingAndResumesAtItsNextSlot() {
        Schedules schedules = new Schedules(sql);
        schedules.add(draft("paused", "* * * * * *", CatchUp.ALL, 100), clock.instant());
        ScheduleRunner runner = new ScheduleRunner(sql, clock, "test-runner", CONFIG);
        assertThat(sql.pause("paused")).isTrue();
        clock.set(FIRST.plusSeconds(5).plusMillis(100));
        runner.runOnce();
        assertThat(slotsEnqueued(DB, "paused")).isEmpty();
        assertThat(schedules.resume("paused", clock.instant())).contains(true);
        assertThat(schedules.resume("paused", clock.instant())).as("already running").contains(false);
        clock.set(FIRST.plusSeconds(6).plusMillis(100));
        runner.runOnce();
        assertThat(slotsEnqueued(DB, "paused")).as("the slots of the pause are not run")
                .containsExactly(FIRST.plusSeconds(6));
    }

    /** The slots enqueued around an outage from just after the first slot to 0.5 s after the eleventh. */
    private List<Instant> outage(CatchUp policy, int max) {
        new Schedules(sql).add(draft("s", "* * * * * *", policy, max), clock.instant()).orElseThrow();
        ScheduleRunner runner = new ScheduleRunner(sql, clock, "test-runner", CONFIG);
        clock.set(FIRST.plusMillis(50));
        runner.runOnce();
        assertThat(slotsEnqueued(DB, "s")).containsExactly(FIRST);

        clock.set(FIRST.plusSeconds(10).plusMillis(500)); // 10 s without any runner
        Duration wait = runner.runOnce();
        assertThat(wait).as("sleeps until the next slot").isEqualTo(Duration.ofMillis(500));
        assertThat(ScheduleTesting.row(sql, "s").nextRun()).isEqualTo(FIRST.plusSeconds(11));

        clock.set(FIRST.plusSeconds(11).plusMillis(20));
        runner.runOnce();
        return slotsEnqueued(DB, "s");
    }
}
