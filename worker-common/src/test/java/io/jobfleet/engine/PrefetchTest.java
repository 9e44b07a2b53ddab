package io.jobfleet.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.jobfleet.db.NewJob;
import io.jobfleet.testing.JobsTable;
import io.jobfleet.testing.TestDatabase;
import io.jobfleet.testing.TestHandler;
import io.jobfleet.testing.TestWorkers;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A worker with {@code --prefetch} holds claimed jobs that wait for a free handler. It does not
 * claim again while they wait, but the completions of the jobs that did run are still stored
 * promptly, not at its next poll.
 */
class PrefetchTest {
    @RegisterExtension
    static final TestDatabase DB = new TestDatabase();
    private final JobsTable jobs = new JobsTable(DB);

    @Test
    void aCompletionIsStoredWhileClaimedJobsStillWaitForAHandler() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        TestHandler<JsonNode> fast = TestHandler.json("fast", (p, ctx) -> JobOutcome.done(null));
        TestHandler<JsonNode> slow = TestHandler.json("slow", (p, ctx) -> {
            release.await(1, TimeUnit.MINUTES);
            return JobOutcome.done(null);
        });
        long done = jobs.enqueue(NewJob.of("pre", "fast", "{}").withPriority(10));
        long running = jobs.enqueue(NewJob.of("pre", "slow", "{}"));
        long waiting = jobs.enqueue(NewJob.of("pre", "slow", "{}"));
        try (TestWorkers w = new TestWorkers()) {
            // one handler, two prefetched; the next poll would be a minute away
            w.start(DB.db(), TestWorkers.builder("pre").concurrency(1).prefetch(2).pollMin(Duration.ofMillis(100))
                    .pollMax(Duration.ofMinutes(1)).build(), fast, slow);

            await().atMost(Duration.ofSeconds(10)).until(() -> jobs.get(done).status().equals("completed"));

            assertThat(jobs.get(running).status()).isEqualTo("running");
            assertThat(jobs.get(waiting).status()).isEqualTo("running"); // claimed, waiting for the handler
            assertThat(release.getCount()).isEqualTo(1);
            release.countDown();
            await().atMost(Duration.ofSeconds(10)).until(() -> jobs.get(waiting).status().equals("completed"));
        }
    }
}
