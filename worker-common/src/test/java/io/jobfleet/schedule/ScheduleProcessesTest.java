package io.jobfleet.schedule;

import static io.jobfleet.schedule.ScheduleTesting.draft;
import static io.jobfleet.schedule.ScheduleTesting.everySecond;
import static io.jobfleet.schedule.ScheduleTesting.slotsEnqueued;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.jobfleet.db.ScheduleRow;
import io.jobfleet.db.ScheduleSql;
import io.jobfleet.testing.TestDatabase;
import io.jobfleet.testing.WorkerProcess;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Three worker JVMs run a schedule that fires every second for 15 s; one is killed (SIGKILL) after
 * 4 s and another one started in its place. The jobs run and finish meanwhile. Every second from
 * the schedule's first slot is enqueued exactly once.
 */
@Tag("slow")
class ScheduleProcessesTest {
    @RegisterExtension
    static final TestDatabase DB = new TestDatabase();

    private final List<WorkerProcess> workers = new ArrayList<>();

    @AfterEach
    void stop() {
        workers.forEach(WorkerProcess::close);
    }

    @Test
    void everySecondIsEnqueuedOnceAcrossAKillAndARestart() {
        ScheduleSql sql = new ScheduleSql(DB.db());
        // added first, so the slots that pass while the JVMs start are caught up by the first one up
        Instant first = new Schedules(sql).add(draft("every-second", "* * * * * *", CatchUp.ALL, 100), null)
                .orElseThrow().nextRun();
        for (int i = 0; i < 3; i++) {
            start("scheduler-" + i);
        }
        workers.forEach(w -> w.awaitOutput("started", Duration.ofSeconds(60)));
        Instant up = ScheduleTesting.row(sql, "every-second").dbNow();

        awaitSlot(sql, up.plusSeconds(4));
        workers.get(0).kill9();
        start("scheduler-3");
        awaitSlot(sql, up.plusSeconds(8));
        workers.get(3).awaitOutput("started", Duration.ofSeconds(60));
        awaitSlot(sql, up.plusSeconds(15));
        workers.forEach(WorkerProcess::kill9);

        ScheduleRow row = ScheduleTesting.row(sql, "every-second");
        assertThat(slotsEnqueued(DB, "every-second")).containsExactlyElementsOf(everySecond(first, row.lastSlot()));
        long done = DB.db().jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM " + DB.jobs()
                + " WHERE status = 'completed'").mapTo(Long.class).one());
        assertThat(done).as("the jobs ran, so their dedup keys were free again").isGreaterThan(10);
    }

    private WorkerProcess start(String name) {
        WorkerProcess w = WorkerProcess.testWorker(name, DB.config(), "--concurrency=2");
        workers.add(w);
        return w;
    }

    private static void awaitSlot(ScheduleSql sql, Instant slot) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(() -> {
            Instant last = ScheduleTesting.row(sql, "every-second").lastSlot();
            return last != null && !last.isBefore(slot);
        });
    }
}
