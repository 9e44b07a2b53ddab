package io.jobfleet.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.jobfleet.db.NewJob;
import io.jobfleet.testing.JobsTable;
import io.jobfleet.testing.TestDatabase;
import io.jobfleet.testing.TestHandler;
import io.jobfleet.testing.TestWorkers;
import java.time.Duration;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * At most one pending-or-running job per (queue, dedup_key): {@code jobfleet.enqueue} returns the
 * existing id; a plain INSERT is refused with a unique violation.
 */
class DedupTest {
    @RegisterExtension
    static final TestDatabase DB = new TestDatabase();
    private final JobsTable jobs = new JobsTable(DB);

    @BeforeEach
    void clean() {
        DB.truncateJobs();
    }

    @Test
    void enqueueWithTheSameKeyReturnsTheExistingJob() {
        long first = jobs.enqueue(NewJob.of("d", "k", "{\"v\":1}").withDedupKey("doc-7"));
        long second = jobs.enqueue(NewJob.of("d", "k", "{\"v\":2}").withDedupKey("doc-7"));
        long otherQueue = jobs.enqueue(NewJob.of("e", "k", "{}").withDedupKey("doc-7"));
        long otherKey = jobs.enqueue(NewJob.of("d", "k", "{}").withDedupKey("doc-8"));
        long noKey1 = jobs.enqueue(NewJob.of("d", "k", "{}"));
        long noKey2 = jobs.enqueue(NewJob.of("d", "k", "{}"));
        assertThat(second).isEqualTo(first);
        assertThat(otherQueue).isNotEqualTo(first);
        assertThat(otherKey).isNotEqualTo(first);
        assertThat(noKey1).isNotEqualTo(noKey2);
        assertThat(jobs.get(first).payload()).isEqualTo("{\"v\": 1}");
    }

    @Test
    void plainInsertWithADuplicateKeyIsRefused() {
        jobs.enqueue(NewJob.of("d", "k", "{}").withDedupKey("x"));
        assertThatThrownBy(() -> DB.db().jdbi().useHandle(h -> h.execute(
                "INSERT INTO " + DB.jobs() + " (queue, kind, dedup_key) VALUES ('d', 'k', 'x')")))
                .isInstanceOf(UnableToExecuteStatementException.class)
                .hasMessageContaining("jobs_dedup_idx");
    }

    @Test
    void aFinishedJobFreesItsKey() {
        long first = jobs.enqueue(NewJob.of("dd", "k", "{}").withDedupKey("once"));
        try (TestWorkers w = new TestWorkers()) {
            w.start(DB.db(), TestWorkers.config("dd"), TestHandler.json("k", (p, c) -> JobOutcome.done(null)));
            await().atMost(Duration.ofSeconds(20)).until(() -> jobs.get(first).status().equals("completed"));
        }
        long again = jobs.enqueue(NewJob.of("dd", "k", "{}").withDedupKey("once"));
        assertThat(again).isNotEqualTo(first);
    }

    @Test
    void concurrentEnqueuesOfOneKeyMakeOneJob() throws Exception {
        int threads = 16;
        java.util.Set<Long> ids = java.util.concurrent.ConcurrentHashMap.newKeySet();
        java.util.concurrent.CyclicBarrier barrier = new java.util.concurrent.CyclicBarrier(threads);
        java.util.List<Thread> ts = new java.util.ArrayList<>();
        for (int i = 0; i < threads; i++) {
            Thread t = new Thread(() -> {
                try {
                    barrier.await();
                    ids.add(jobs.enqueue(NewJob.of("race", "k", "{}").withDedupKey("same")));
                } catch (Exception e) {
                    throw new RuntimeException(e);
                }
            });
            ts.add(t);
            t.start();
        }
        for (Thread t : ts) {
            t.join();
        }
        assertThat(ids).hasSize(1);
        assertThat(jobs.all()).hasSize(1);
    }
}
