package io.jobfleet.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.jobfleet.config.EngineConfig;
import io.jobfleet.db.ClaimedJob;
import io.jobfleet.db.FlowControlSql;
import io.jobfleet.db.QueueSql;
import io.jobfleet.engine.JobOutcome;
import io.jobfleet.testing.JobsTable;
import io.jobfleet.testing.TestDatabase;
import io.jobfleet.testing.TestHandler;
import io.jobfleet.testing.TestWorkers;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A cap in jobfleet.limits holds across every worker and thread, and freed room is used at once. */
class FleetCapTest {
    @RegisterExtension
    static final TestDatabase DB = new TestDatabase();
    private static final Duration LEASE = Duration.ofSeconds(30);
    private final JobsTable jobs = new JobsTable(DB);
    private final FlowControlSql flow = DB.db().admin().flow();

    @BeforeEach
    void clean() {
        DB.truncateJobs();
        DB.db().jdbi().useHandle(h -> h.execute("DELETE FROM \"" + DB.config().schema() + "\".limits"));
    }

    @Test
    void aCapOfFiveHoldsAcrossThreeWorkersOfEightThreads() {
        int total = 80;
        flow.setLimit("capped", null, 5, "test");
        for (int i = 0; i < total; i++) {
            jobs.enqueue("capped", "k", "{}");
        }
        AtomicInteger running = new AtomicInteger();
        AtomicInteger maxRunning = new AtomicInteger();
        AtomicInteger maxRunningInDb = new AtomicInteger();
        TestHandler<?> handler = TestHandler.json("k", (p, c) -> {
            maxRunning.accumulateAndGet(running.incrementAndGet(), Math::max);
            try {
                int inDb = DB.db().jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM " + DB.jobs()
                        + " WHERE queue = 'capped' AND status = 'running'").mapTo(Integer.class).one());
                maxRunningInDb.accumulateAndGet(inDb, Math::max);
                Thread.sleep(15); // the job's work
                return JobOutcome.done(null);
            } finally {
                running.decrementAndGet();
            }
        });
        // polls far apart: jobs over the cap start only because a finished job wakes the workers
        EngineConfig config = TestWorkers.builder("capped").concurrency(8).prefetch(2)
                .pollMin(Duration.ofSeconds(20)).pollMax(Duration.ofSeconds(20)).build();
        try (TestWorkers w = new TestWorkers()) {
            w.start(DB.db(), config, handler);
            w.start(DB.db(), config, handler);
            w.start(DB.db(), config, handler);

            await().atMost(Duration.ofSeconds(30)).until(() -> jobs.count("completed") == total);
        }
        System.out.printf("cap 5: at most %d handlers ran at once, %d jobs running in the table%n",
                maxRunning.get(), maxRunningInDb.get());
        assertThat(maxRunning.get()).isBetween(2, 5);
        assertThat(maxRunningInDb.get()).isLessThanOrEqualTo(5);
        assertThat(jobs.all()).allSatisfy(j -> assertThat(j.attempts()).isEqualTo(1));
    }

    @Test
    void theClaimTakesOnlyTheRoomUnderTheQueueAndKindCaps() {
        for (int i = 0; i < 4; i++) {
            jobs.enqueue("q", "a", "{}");
            jobs.enqueue("q", "b", "{}");
        }
        QueueSql queue = DB.db().queue();
        flow.setLimit("q", "a", 1, "test");
        flow.setLimit("q", null, 4, "test");

        List<ClaimedJob> first = queue.claim("q", "w1", 10, LEASE);
        List<ClaimedJob> second = queue.claim("q", "w2", 10, LEASE);

        assertThat(first).hasSize(4).filteredOn(j -> j.kind().equals("a")).hasSize(1);
        assertThat(second).isEmpty();
        flow.setLimit("q", null, 6, "test");
        // room for two more in the queue, none for kind a: the last b
        assertThat(queue.claim("q", "w2", 10, LEASE)).hasSize(1).allSatisfy(j -> assertThat(j.kind()).isEqualTo("b"));
        assertThat(flow.limits("q")).extracting(FlowControlSql.Limit::running).containsExactly(5L, 1L);
        assertThat(flow.clearLimit("q", "a")).isTrue();
        assertThat(flow.clearLimit("q", "a")).isFalse();
        flow.clearLimit("q", null);
        assertThat(queue.claim("q", "w3", 10, LEASE)).hasSize(3).allSatisfy(j -> assertThat(j.kind()).isEqualTo("a"));
    }
}
