package io.jobfleet.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.jobfleet.db.JobRow;
import io.jobfleet.db.NewJob;
import io.jobfleet.testing.JobsTable;
import io.jobfleet.testing.TestDatabase;
import io.jobfleet.testing.TestHandler;
import io.jobfleet.testing.TestWorkers;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A hanging handler is interrupted at its timeout, retried, and fails with its full history. */
class TimeoutTest {
    @RegisterExtension
    static final TestDatabase DB = new TestDatabase();

    @Test
    void hangingHandlerTimesOutIsRetriedThenFails() throws Exception {
        AtomicInteger interrupted = new AtomicInteger();
        TestHandler<JsonNode> hang = TestHandler.json("hang", (p, ctx) -> {
            try {
                new CountDownLatch(1).await();
            } catch (InterruptedException e) {
                interrupted.incrementAndGet();
                throw e;
            }
            return JobOutcome.done(null);
        });
        JobsTable jobs = new JobsTable(DB);
        long id = jobs.enqueue(NewJob.of("slow", "hang", "{}").withTimeoutSeconds(1).withMaxAttempts(3));
        long ok = jobs.enqueue(NewJob.of("slow", "fine", "{}"));
        try (TestWorkers w = new TestWorkers()) {
            w.start(DB.db(), TestWorkers.config("slow"), hang,
                    TestHandler.json("fine", (p, ctx) -> JobOutcome.done("ok")));
            await().atMost(Duration.ofSeconds(30)).until(() -> jobs.get(id).status().equals("failed"));
        }
        JobRow row = jobs.get(id);
        assertThat(row.attempts()).isEqualTo(3);
        assertThat(row.lastError()).contains("timeout").contains("1 s");
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
