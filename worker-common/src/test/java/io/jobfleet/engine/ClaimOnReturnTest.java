package io.jobfleet.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.jobfleet.metrics.JobMetrics;
import io.jobfleet.testing.JobsTable;
import io.jobfleet.testing.TestDatabase;
import io.jobfleet.testing.TestHandler;
import io.jobfleet.testing.TestWorkers;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A handler that returns after a round that took fewer jobs than its room starts another round
 * only when that round left due jobs it could not take: jobs enqueued one at a time cost one claim
 * round each, and a job another transaction held locked during the round still starts as soon as
 * a handler returns, not at the next poll. No poll runs during these tests (a minute away).
 */
class ClaimOnReturnTest {
    @RegisterExtension
    static final TestDatabase DB = new TestDatabase();
    private static final Duration NO_POLL = Duration.ofMinutes(1);

    private final JobsTable jobs = new JobsTable(DB);

    @BeforeEach
    void empty() {
        DB.truncateJobs();
    }

    @Test
    void jobsEnqueuedOneAtATimeCostOneRoundEach() {
        MeterRegistry registry = new SimpleMeterRegistry();
        TestHandler<JsonNode> quick = TestHandler.json("k", (p, ctx) -> JobOutcome.done(null));
        try (TestWorkers w = new TestWorkers()) {
            Worker worker = w.start(DB.db(), TestWorkers.builder("trickle").concurrency(4).pollMin(NO_POLL)
                    .pollMax(NO_POLL).build(), new JobMetrics(registry), quick);
            await().atMost(Duration.ofSeconds(15)).until(worker::listening);
            await().atMost(Duration.ofSeconds(15)).until(() -> rounds(registry, "none") >= 1); // the round at start

            for (int i = 0; i < 5; i++) {
                long id = jobs.enqueue("trickle", "k", "{}");
                await().atMost(Duration.ofSeconds(15)).until(() -> jobs.get(id).status().equals("completed"));
            }

            assertThat(rounds(registry, "jobs")).isEqualTo(5);
            // before, each of them was followed by an empty round when its handler returned
            assertThat(rounds(registry, "none")).isEqualTo(1);
        }
    }

    @Test
    void aJobHeldLockedDuringTheRoundStartsWhenAHandlerReturns() throws Exception {
        CountDownLatch firstStarted = new CountDownLatch(1);
        CountDownLatch lockReleased = new CountDownLatch(1);
        TestHandler<JsonNode> handler = TestHandler.json("k", (p, ctx) -> {
            firstStarted.countDown();
            lockReleased.await(1, TimeUnit.MINUTES);
            return JobOutcome.done(null);
        });
        long held = jobs.enqueue("locked", "k", "{}");
        long free = jobs.enqueue("locked", "k", "{}");
        try (TestWorkers w = new TestWorkers(); Connection other = DB.db().openDedicatedConnection("claim-on-return")) {
            other.setAutoCommit(false);
            try (Statement s = other.createStatement()) {
                // as another worker's claim holds the rows it is taking
                s.executeQuery("SELECT id FROM " + DB.jobs() + " WHERE id = " + held + " FOR UPDATE").close();
            }
            w.start(DB.db(), TestWorkers.builder("locked").concurrency(4).pollMin(NO_POLL).pollMax(NO_POLL).build(),
                    handler);
            assertThat(firstStarted.await(15, TimeUnit.SECONDS)).isTrue();
            assertThat(jobs.get(free).status()).isEqualTo("running");
            assertThat(jobs.get(held).status()).isEqualTo("pending");

            other.rollback(); // the other transaction ends without taking it
            lockReleased.countDown();

            await().atMost(Duration.ofSeconds(15)).until(() -> jobs.get(held).status().equals("completed"));
        }
    }

    private static double rounds(MeterRegistry registry, String found) {
        Counter c = registry.find("jobfleet.claim.rounds").tag("found", found).counter();
        return c == null ? 0 : c.count();
    }
}
