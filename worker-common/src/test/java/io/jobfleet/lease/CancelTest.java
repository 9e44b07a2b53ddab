package io.jobfleet.lease;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.jobfleet.config.EngineConfig;
import io.jobfleet.db.JobRow;
import io.jobfleet.db.NewJob;
import io.jobfleet.engine.JobOutcome;
import io.jobfleet.testing.JobsTable;
import io.jobfleet.testing.TestClock;
import io.jobfleet.testing.TestDatabase;
import io.jobfleet.testing.TestHandler;
import io.jobfleet.testing.TestWorkers;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class CancelTest {
    @RegisterExtension
    static final TestDatabase DB = new TestDatabase();
    private final JobsTable jobs = new JobsTable(DB);

    @Test
    void cancellingARunningJobInterruptsItsHandler() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch interrupted = new CountDownLatch(1);
        TestHandler<JsonNode> blocking = TestHandler.json("block", (p, ctx) -> {
            started.countDown();
            try {
                new CountDownLatch(1).await();
            } catch (InterruptedException e) {
                interrupted.countDown();
                throw e;
            }
            return JobOutcome.done("never");
        });
        long id = jobs.enqueue(NewJob.of("cancel", "block", "{}"));
        TestClock clock = new TestClock();
        // a 90 s lease renewed every 30 s: in real time the test would wait half a minute for the heartbeat
        EngineConfig config = TestWorkers.builder("cancel").lease(Duration.ofSeconds(90)).build();
        try (TestWorkers w = new TestWorkers()) {
            w.start(DB.db(), config, clock, blocking);
            assertThat(started.await(20, TimeUnit.SECONDS)).isTrue();
            boolean cancelled = DB.db().jdbi().withHandle(h -> h.createQuery(
                    "SELECT \"" + DB.config().schema() + "\".cancel(:id)").bind("id", id).mapTo(Boolean.class).one());
            assertThat(cancelled).isTrue();
            clock.advance(config.heartbeatInterval());
            assertThat(interrupted.await(10, TimeUnit.SECONDS)).as("handler interrupted at the next heartbeat").isTrue();
        }
        JobRow row = jobs.get(id);
        assertThat(row.status()).isEqualTo("cancelled");
        assertThat(row.result()).isNull();
        assertThat(row.completedAt()).isNotNull();
    }

    @Test
    void aCancelledPendingJobNeverRuns() {
        AtomicInteger ran = new AtomicInteger();
        long cancelled = jobs.enqueue(NewJob.of("cancel2", "count", "{}").withDelay(Duration.ofMinutes(5)));
        long kept = jobs.enqueue(NewJob.of("cancel2", "count", "{}").withDelay(Duration.ofMinutes(5)));
        assertThat(DB.db().queue().cancel(cancelled)).isTrue();
        assertThat(DB.db().queue().cancel(cancelled)).as("second cancel is a no-op").isFalse();
        TestClock clock = new TestClock();
        try (TestWorkers w = new TestWorkers()) {
            w.start(DB.db(), TestWorkers.config("cancel2"), clock, TestHandler.json("count", (p, ctx) -> {
                ran.incrementAndGet();
                return JobOutcome.done(null);
            }));
            clock.advance(Duration.ofMinutes(5)); // both are due now; only the one not cancelled runs
            await().atMost(Duration.ofSeconds(20)).until(() -> jobs.get(kept).status().equals("completed"));
        }
        assertThat(jobs.get(cancelled).status()).isEqualTo("cancelled");
        assertThat(ran.get()).isEqualTo(1);
    }
}
