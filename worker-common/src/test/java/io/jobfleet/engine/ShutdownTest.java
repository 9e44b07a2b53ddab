package io.jobfleet.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.jobfleet.db.JobRow;
import io.jobfleet.db.NewJob;
import io.jobfleet.testing.JobsTable;
import io.jobfleet.testing.TestDatabase;
import io.jobfleet.testing.TestFamily;
import io.jobfleet.testing.WorkerProcess;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * SIGTERM: running attempts finish within the grace, the rest go back uncharged, exit 0. Real
 * worker JVMs and real signals, so real time: tagged {@code slow}.
 */
@Tag("slow")
class ShutdownTest {
    @RegisterExtension
    static final TestDatabase DB = new TestDatabase();
    private final JobsTable jobs = new JobsTable(DB);

    @BeforeAll
    static void table() {
        TestFamily.createExecutionsTable(DB);
    }

    @BeforeEach
    void clean() {
        DB.truncateJobs();
    }

    @Test
    void sigtermFinishesShortJobsAndHandsBackLongOnesUncharged() {
        long short1 = jobs.enqueue(NewJob.of("test", "test.work", "{\"ms\": 1500}"));
        long short2 = jobs.enqueue(NewJob.of("test", "test.work", "{\"ms\": 1500}"));
        long long1 = jobs.enqueue(NewJob.of("test", "test.work", "{\"ms\": 600000}"));
        long long2 = jobs.enqueue(NewJob.of("test", "test.work", "{\"ms\": 600000}"));
        try (WorkerProcess w = WorkerProcess.testWorker("term", DB.config(), "--concurrency=4", "--grace=4s")) {
            await().atMost(Duration.ofSeconds(60)).until(() -> jobs.count("running") == 4);
            long t0 = System.nanoTime();
            w.signal("TERM");
            int exit = w.waitFor(Duration.ofSeconds(30));
            Duration took = Duration.ofNanos(System.nanoTime() - t0);
            assertThat(exit).as(w.output()).isZero();
            assertThat(took).isLessThan(Duration.ofSeconds(12));
            assertThat(w.output()).contains("handed 2 unfinished attempt(s) back to pending");
        }
        assertThat(jobs.get(short1).status()).isEqualTo("completed");
        assertThat(jobs.get(short2).status()).isEqualTo("completed");
        for (long id : new long[] {long1, long2}) {
            JobRow row = jobs.get(id);
            assertThat(row.status()).isEqualTo("pending");
            assertThat(row.attempts()).as("attempt uncharged").isZero();
            assertThat(row.lockedBy()).isNull();
            assertThat(row.errors()).isEqualTo("[]");
        }
        assertThat(jobs.count("running")).isZero();
    }

    @Test
    void secondSignalHandsBackAtOnce() {
        long id = jobs.enqueue(NewJob.of("test", "test.work", "{\"ms\": 600000}"));
        try (WorkerProcess w = WorkerProcess.testWorker("term2", DB.config(), "--grace=120s")) {
            await().atMost(Duration.ofSeconds(60)).until(() -> jobs.count("running") == 1);
            w.signal("TERM");
            w.awaitOutput("waiting up to 120 s", Duration.ofSeconds(10));
            long t0 = System.nanoTime();
            // a second SIGTERM (SIGINT works alike, but a process started in the background by a
            // shell without job control inherits SIGINT ignored, as this test's worker would then)
            w.signal("TERM");
            int exit = w.waitFor(Duration.ofSeconds(30));
            assertThat(exit).as(w.output()).isZero();
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(10));
        }
        JobRow row = jobs.get(id);
        assertThat(row.status()).isEqualTo("pending");
        assertThat(row.attempts()).isZero();
    }
}
