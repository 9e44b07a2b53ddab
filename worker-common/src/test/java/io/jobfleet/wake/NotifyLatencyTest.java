package io.jobfleet.wake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.jobfleet.config.EngineConfig;
import io.jobfleet.db.JobRow;
import io.jobfleet.db.NewJob;
import io.jobfleet.engine.JobOutcome;
import io.jobfleet.engine.Worker;
import io.jobfleet.testing.JobsTable;
import io.jobfleet.testing.TestDatabase;
import io.jobfleet.testing.TestHandler;
import io.jobfleet.testing.TestWorkers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * An idle worker is woken by NOTIFY: enqueue-to-start is measured over 100 jobs, enough for its
 * median and a 99th percentile (printed; the benchmark's figures come from {@code bench}). With
 * --no-listen, the adaptive poll finds the jobs, each after up to a poll interval of real time.
 */
class NotifyLatencyTest {
    @RegisterExtension
    static final TestDatabase DB = new TestDatabase();
    private final JobsTable jobs = new JobsTable(DB);

    @BeforeEach
    void clean() {
        DB.truncateJobs();
    }

    private List<Duration> enqueueOneByOne(Worker worker, String queue, int n) {
        List<Duration> latencies = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            long id = jobs.enqueue(NewJob.of(queue, "noop", "{}"));
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(2))
                    .until(() -> jobs.get(id).status().equals("completed"));
            JobRow row = jobs.get(id);
            latencies.add(Duration.between(row.createdAt(), row.startedAt()));
        }
        return latencies;
    }

    private static Duration percentile(List<Duration> values, double p) {
        List<Duration> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get((int) Math.min(sorted.size() - 1, Math.ceil(p / 100.0 * sorted.size()) - 1));
    }

    @Test
    void idleWorkerIsWokenByNotify() {
        try (TestWorkers w = new TestWorkers()) {
            // production poll settings: without NOTIFY, a job would wait 2 s or more
            EngineConfig config = EngineConfig.defaults("wake");
            Worker worker = w.start(DB.db(), config, TestHandler.json("noop", (p, c) -> JobOutcome.done(null)));
            await().atMost(Duration.ofSeconds(10)).until(worker::listening);
            List<Duration> latencies = enqueueOneByOne(worker, "wake", 100);
            Duration p50 = percentile(latencies, 50);
            Duration p99 = percentile(latencies, 99);
            System.out.printf("enqueue-to-start with LISTEN/NOTIFY over %d jobs: p50 %.2f ms, p99 %.2f ms%n",
                    latencies.size(), p50.toNanos() / 1e6, p99.toNanos() / 1e6);
            assertThat(p50).as("woken by NOTIFY, not by the 2 s poll").isLessThan(config.pollMin());
        }
    }

    @Test
    void withoutListenTheAdaptivePollFindsJobs() {
        try (TestWorkers w = new TestWorkers()) {
            EngineConfig config = EngineConfig.builder("poll").pollMin(Duration.ofMillis(200))
                    .pollMax(Duration.ofSeconds(1)).listen(false).build();
            Worker worker = w.start(DB.db(), config, TestHandler.json("noop", (p, c) -> JobOutcome.done(null)));
            List<Duration> latencies = enqueueOneByOne(worker, "poll", 5);
            assertThat(worker.listening()).isFalse();
            System.out.printf("enqueue-to-start with --no-listen (poll 200 ms..1 s) over %d jobs: p50 %d ms, max %d ms%n",
                    latencies.size(), percentile(latencies, 50).toMillis(), percentile(latencies, 100).toMillis());
            assertThat(latencies).hasSize(5);
        }
    }
}
