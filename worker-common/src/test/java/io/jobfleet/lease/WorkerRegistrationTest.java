package io.jobfleet.lease;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.jobfleet.db.WorkerRegistrySql.Worker;
import io.jobfleet.engine.JobOutcome;
import io.jobfleet.testing.JobsTable;
import io.jobfleet.testing.TestDatabase;
import io.jobfleet.testing.TestHandler;
import io.jobfleet.testing.TestWorkers;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A worker's registry row: there from start (right after the first claim round), refreshed with
 * what it holds, gone after a graceful stop.
 */
class WorkerRegistrationTest {
    @RegisterExtension
    static final TestDatabase DB = new TestDatabase();

    @Test
    void aWorkerRegistersRefreshesWhatItHoldsAndLeavesAtStop() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch started = new CountDownLatch(1);
        io.jobfleet.engine.Worker w;
        try (TestWorkers workers = new TestWorkers()) {
            w = workers.start(DB.db(), TestWorkers.builder("reg").concurrency(3).lease(Duration.ofSeconds(3)).build(),
                    TestHandler.json("reg.block", (p, ctx) -> {
                        started.countDown();
                        release.await(30, TimeUnit.SECONDS);
                        return JobOutcome.done(null);
                    }));
            await().atMost(Duration.ofSeconds(10)).until(() -> DB.db().admin().workers().list().size() == 1);
            Worker row = DB.db().admin().workers().list().get(0);
            assertThat(row.workerId()).isEqualTo(w.workerId());
            assertThat(row.queue()).isEqualTo("reg");
            assertThat(row.kinds()).containsExactly("reg.block");
            assertThat(row.concurrency()).isEqualTo(3);
            assertThat(row.pid()).isEqualTo(ProcessHandle.current().pid());
            assertThat(row.gone()).isFalse();

            new JobsTable(DB).enqueue("reg", "reg.block", "{}");
            assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
            // the next refresh (one heartbeat period, 1 s here) reports the held job
            await().atMost(Duration.ofSeconds(10)).until(() -> DB.db().admin().workers().list().get(0).held() == 1);
            release.countDown();
        }
        List<Worker> after = DB.db().admin().workers().list();
        assertThat(after).isEmpty();
    }

    @Test
    void theFirstClaimComesBeforeTheRegistryRow() throws Exception {
        // the heartbeat, the registry row and the rescuer wait for the first claim round: on a
        // small machine their first statements slowed it down
        JobsTable jobs = new JobsTable(DB);
        long id = jobs.enqueue("first", "first.noop", "{}");
        try (TestWorkers workers = new TestWorkers()) {
            workers.start(DB.db(), TestWorkers.builder("first").build(),
                    TestHandler.json("first.noop", (p, ctx) -> JobOutcome.done(null)));
            await().atMost(Duration.ofSeconds(10)).until(() -> DB.db().admin().workers().list().size() == 1);
            Worker row = DB.db().admin().workers().list().get(0);
            assertThat(jobs.get(id).startedAt()).isNotNull().isBefore(row.startedAt());
        }
    }
}
