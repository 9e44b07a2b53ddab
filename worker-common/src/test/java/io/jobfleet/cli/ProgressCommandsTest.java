package io.jobfleet.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.jobfleet.db.NewJob;
import io.jobfleet.engine.JobOutcome;
import io.jobfleet.testing.JobsTable;
import io.jobfleet.testing.TestDatabase;
import io.jobfleet.testing.TestHandler;
import io.jobfleet.testing.TestWorkers;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The progress a running handler reports shows in {@code status} (text and JSON) and in {@code stats}. */
class ProgressCommandsTest {
    @RegisterExtension
    static final TestDatabase DB = new TestDatabase();
    private final JobsTable jobs = new JobsTable(DB);

    @Test
    void statusAndStatsShowTheProgressOfARunningJobWithinTwoSeconds() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch reported = new CountDownLatch(2);
        long id = jobs.enqueue(NewJob.of("reports", "pages", "{}"));
        long other = jobs.enqueue(NewJob.of("reports", "pages", "{}"));
        try (TestWorkers w = new TestWorkers()) {
            w.start(DB.db(), TestWorkers.builder("reports").concurrency(2).build(), TestHandler.json("pages", (p, ctx) -> {
                ctx.progress(ctx.jobId() == id ? 7 : 1, 12, "pages");
                reported.countDown();
                release.await(30, TimeUnit.SECONDS);
                return JobOutcome.done(null);
            }));
            assertThat(reported.await(30, TimeUnit.SECONDS)).isTrue();
            // within 2 s of the handler's report
            await().atMost(Duration.ofSeconds(2)).pollInterval(Duration.ofMillis(100)).until(() -> {
                JsonNode p = Cli.run(DB, "status", Long.toString(id), "--json").json().path("progress");
                return p.path("done").asLong() == 7;
            });
            JsonNode status = Cli.run(DB, "status", Long.toString(id), "--json").json();
            assertThat(status.path("status").asText()).isEqualTo("running");
            assertThat(status.path("progress").path("total").asLong()).isEqualTo(12);
            assertThat(status.path("progress").path("stage").asText()).isEqualTo("pages");
            assertThat(Cli.run(DB, "status", Long.toString(id)).out()).contains("progress     7 of 12 pages (58%) at ");

            await().atMost(Duration.ofSeconds(2)).until(() ->
                    !Cli.run(DB, "status", Long.toString(other), "--json").json().path("progress").isMissingNode()
                    && !Cli.run(DB, "status", Long.toString(other), "--json").json().path("progress").isNull());
            JsonNode queue = Cli.run(DB, "stats", "--queue", "reports", "--json").json().get("queues").get(0);
            assertThat(queue.path("progress").path("running_with_progress").asLong()).isEqualTo(2);
            assertThat(queue.path("progress").path("mean_fraction").asDouble()).isCloseTo((7 + 1) / 24.0, within(0.001));
            assertThat(Cli.run(DB, "stats", "--queue", "reports").out()).contains("DONE%", "33.3%");
            release.countDown();
            jobs.awaitFinished(id);
            jobs.awaitFinished(other);
        }
        assertThat(Cli.run(DB, "status", Long.toString(id), "--json").json().path("progress").path("done").asLong())
                .as("kept after completion").isEqualTo(7);
    }
}
