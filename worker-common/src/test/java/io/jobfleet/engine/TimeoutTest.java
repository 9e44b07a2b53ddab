package io.jobfleet.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.jobfleet.db.JobRow;
import io.jobfleet.db.NewJob;
import io.jobfleet.testing.JobsTable;
import io.jobfleet.testing.TestClock;
import io.jobfleet.testing.TestDatabase;
import io.jobfleet.testing.TestHandler;
import io.jobfleet.testing.TestWorkers;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A hanging handler is interrupted at its timeout, retried, and fails with its full history. The
 * timeout is a minute on the worker's clock, which the test moves: it passes in a millisecond.
 */
class TimeoutTest {
    @RegisterExtension
    static final TestDatabase DB = new TestDatabase();

    private static final int TIMEOUT_SECONDS = 60;

    @Test
    void hangingHandlerTimesOutIsRetriedThenFails() throws Exception {
        AtomicInteger interrupted = new AtomicInteger();
        Semaphore started = new Semaphore(0);
        TestHandler<JsonNode> hang = TestHandler.json("hang", (p, ctx) -> {
            started.release();
            try {
                new CountDownLatch(1).await();
            } catch (InterruptedException e) {
                interrupted.incrementAndGet();
                throw e;
            }
            return JobOutcome.done(null);
        });
        JobsTable jobs = new JobsTable(DB);
        long id = jobs.enqueue(NewJob.of("slow", "hang", "{}").withTimeoutSeconds(TIMEOUT_SECONDS).withMaxAttempts(3));
        long ok = jobs.enqueue(NewJob.of("slow", "fine", "{}"));
        TestClock clock = new TestClock();
        try (TestWorkers w = new TestWorkers()) {
            // a lease longer than the timeout: the jump of the clock must not run the lease out as well
            w.start(DB.db(), TestWorkers.builder("slow").lease(Duration.ofMinutes(10)).build(), clock, hang,
                    TestHandler.json("fine", (p, ctx) -> JobOutcome.done("ok")));
            for (int attempt = 1; attempt <= 3; attempt++) {
                assertThat(started.tryAcquire(20, TimeUnit.SECONDS)).as("attempt %d started", attempt).isTrue();
                clock.advance(Duration.ofSeconds(TIMEOUT_SECONDS - 1));
                int before = attempt - 1;
                assertThat(interrupted.get()).as("not interrupted before its timeout").isEqualTo(before);
                clock.advance(Duration.ofSeconds(1));
                // far less than the timeout in real time: only the worker's clock can have run it out
                await().atMost(Duration.ofSeconds(10)).until(() -> interrupted.get() == before + 1);
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> jobs.get(id).status().equals("failed"));
        }
        JobRow row = jobs.get(id);
        assertThat(row.attempts()).isEqualTo(3);
        assertThat(row.lastError()).contains("timeout").contains(TIMEOUT_SECONDS + " s");
        JsonNode errors = Payloads.tree(row.errors());
        assertThat(errors).hasSize(3);
        for (int i = 0; i < 3; i++) {
            assertThat(errors.get(i).get("class").asText()).isEqualTo("timeout");
            assertThat(errors.get(i).get("attempt").asInt()).isEqualTo(i + 1);
            assertThat(errors.get(i).get("worker").asText()).startsWith("test@");
        }
        assertThat(interrupted.get()).isEqualTo(3);
        assertThat(jobs.get(ok).status()).isEqualTo("completed");
    }
}
