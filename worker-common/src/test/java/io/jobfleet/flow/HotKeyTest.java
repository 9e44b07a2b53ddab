package io.jobfleet.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.jobfleet.config.EngineConfig;
import io.jobfleet.db.FlowControlSql;
import io.jobfleet.db.NewJob;
import io.jobfleet.engine.JobOutcome;
import io.jobfleet.testing.JobsTable;
import io.jobfleet.testing.TestDatabase;
import io.jobfleet.testing.TestHandler;
import io.jobfleet.testing.TestWorkers;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Fairness: one user's 300 jobs under a per-key limit of 2 do not starve 100 other users, even
 * when they were all enqueued first.
 */
class HotKeyTest {
    @RegisterExtension
    static final TestDatabase DB = new TestDatabase();
    private final JobsTable jobs = new JobsTable(DB);
    private final FlowControlSql flow = DB.db().admin().flow();

    @Test
    void aHotKeyRunsAtMostTwoAtOnceAndTheOtherKeysAreNotHeldBehindIt() {
        flow.setKeyRule("hot", null, 2, false, null, "test");
        for (int i = 0; i < 300; i++) {
            jobs.enqueue(NewJob.of("hot", "k", "{\"hot\": true}").withConcurrencyKey("user-hot"));
        }
        for (int i = 0; i < 700; i++) {
            jobs.enqueue(NewJob.of("hot", "k", "{}").withConcurrencyKey("user-" + (i % 100)));
        }
        AtomicInteger hotRunning = new AtomicInteger();
        AtomicInteger hotMax = new AtomicInteger();
        AtomicInteger othersDone = new AtomicInteger();
        AtomicLong hotDoneWhenOthersFinished = new AtomicLong(-1);
        AtomicInteger hotDone = new AtomicInteger();
        TestHandler<?> handler = TestHandler.json("k", (p, c) -> {
            boolean hot = p.path("hot").asBoolean();
            if (hot) {
                hotMax.accumulateAndGet(hotRunning.incrementAndGet(), Math::max);
            }
            try {
                Thread.sleep(10); // the job's work
            } finally {
                if (hot) {
                    hotRunning.decrementAndGet();
                    hotDone.incrementAndGet();
                } else if (othersDone.incrementAndGet() == 700) {
                    hotDoneWhenOthersFinished.set(hotDone.get());
                }
            }
            return JobOutcome.done(null);
        });
        EngineConfig config = TestWorkers.builder("hot").concurrency(8).build();
        try (TestWorkers w = new TestWorkers()) {
            w.start(DB.db(), config, handler);
            w.start(DB.db(), config, handler);
            w.start(DB.db(), config, handler);
            await().atMost(Duration.ofMinutes(2)).until(() -> jobs.count("completed") == 1000);
        }
        System.out.printf("hot key limit 2: at most %d hot jobs at once; the 700 others were done when %d of the "
                + "300 hot ones were%n", hotMax.get(), hotDoneWhenOthersFinished.get());
        assertThat(hotMax.get()).isBetween(1, 2);
        // with two at a time the hot key is still far from done when every other user is served
        assertThat(hotDoneWhenOthersFinished.get()).isBetween(0L, 250L);
        assertThat(jobs.all()).allSatisfy(j -> assertThat(j.attempts()).isEqualTo(1));
    }
}
