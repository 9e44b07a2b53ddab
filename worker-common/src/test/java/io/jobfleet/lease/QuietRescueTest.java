package io.jobfleet.lease;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.jobfleet.db.ClaimedJob;
import io.jobfleet.db.JobRow;
import io.jobfleet.db.NewJob;
import io.jobfleet.engine.JobOutcome;
import io.jobfleet.engine.Payloads;
import io.jobfleet.engine.Worker;
import io.jobfleet.testing.JobsTable;
import io.jobfleet.testing.TestClock;
import io.jobfleet.testing.TestDatabase;
import io.jobfleet.testing.TestHandler;
import io.jobfleet.testing.TestWorkers;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * An idle worker's rescuer sleeps while nothing is pending or running anywhere; a NOTIFY of new
 * jobs wakes it, so jobs claimed by a worker that then dies are still rescued within lease +
 * rescue interval.
 */
class QuietRescueTest {
    @RegisterExtension
    static final TestDatabase DB = new TestDatabase();

    @Test
    void quietRescuerWakesOnNewJobsAndRescuesInTime() {
        JobsTable jobs = new JobsTable(DB);
        TestClock clock = new TestClock();
        try (TestWorkers w = new TestWorkers()) {
            // a live worker of another queue: it never claims the jobs, only rescues them
            Worker survivor = w.start(DB.db(), TestWorkers.builder("elsewhere").lease(Duration.ofSeconds(3))
                            .rescueInterval(Duration.ofSeconds(1)).build(), clock,
                    TestHandler.json("noop", (p, c) -> JobOutcome.done(null)));
            await().atMost(Duration.ofSeconds(10)).until(survivor::listening);

            long id = jobs.enqueue(NewJob.of("lost", "noop", "{}"));
            // a worker that claims the job and dies at once: it never renews its 3 s lease
            List<ClaimedJob> claimed = DB.db().queue().claim("lost", "dead-worker", 1, Duration.ofSeconds(3));
            assertThat(claimed).hasSize(1);
            Instant claimedAt = Instant.now();
            Instant leaseUntil = claimedAt.plusSeconds(3);

            clock.advance(Duration.ofSeconds(2)); // the lease has not run out yet
            clock.advance(Duration.ofMillis(1500)); // now it has: the rescuer looks at once
            await().atMost(Duration.ofSeconds(10)).until(() -> jobs.get(id).status().equals("pending"));
            JobRow row = jobs.get(id);
            var lost = Payloads.tree(row.errors()).get(0);
            assertThat(lost.get("class").asText()).isEqualTo("worker_lost");
            assertThat(lost.get("worker").asText()).isEqualTo("dead-worker");
            assertThat(lost.get("rescued_by").asText()).isEqualTo(survivor.workerId());
            // last_error is shown to the app's user: no worker id (host, pid) in it, only in errors[]
            assertThat(row.lastError()).startsWith("the worker running it stopped renewing its lease")
                    .doesNotContain("dead-worker").doesNotContain(survivor.workerId());
            Instant rescuedAt = OffsetDateTime.parse(lost.get("at").asText()).toInstant();
            assertThat(rescuedAt).as("rescued on the worker's clock, after the lease ran out").isAfter(leaseUntil);
            assertThat(Duration.between(claimedAt, rescuedAt)).as("within lease 3 s + rescue interval 1 s")
                    .isLessThanOrEqualTo(Duration.ofSeconds(4));
        }
    }

    @Test
    void aSpentJobIsFailedOnlyByAWorkerThatKnowsItsKindAndRunsItsFailureWrites() {
        JobsTable jobs = new JobsTable(DB);
        DB.db().jdbi().useHandle(h -> h.execute("CREATE TABLE \"" + DB.config().appSchema()
                + "\".failure_marks (job_id bigint, message text)"));
        long spent = jobs.enqueue(NewJob.of("spent", "known", "{}").withMaxAttempts(1));
        long foreign = jobs.enqueue(NewJob.of("spent", "foreign", "{}").withMaxAttempts(1));
        assertThat(DB.db().queue().claim("spent", "dead-worker", 2, Duration.ofSeconds(2))).hasSize(2);
        TestClock clock = new TestClock();
        try (TestWorkers w = new TestWorkers()) {
            w.start(DB.db(), TestWorkers.builder("elsewhere").lease(Duration.ofSeconds(3))
                    .rescueInterval(Duration.ofSeconds(1)).build(), clock, new FailureMarkingHandler());
            clock.advance(Duration.ofSeconds(3)); // the dead worker's 2 s lease has run out
            await().atMost(Duration.ofSeconds(10)).until(() -> jobs.get(spent).status().equals("failed"));
            JobRow row = jobs.get(spent);
            assertThat(row.lastError()).doesNotContain("dead-worker").endsWith("its last attempt");
            assertThat(Payloads.tree(row.errors()).get(0).get("worker").asText()).isEqualTo("dead-worker");
            String mark = DB.db().jdbi().withHandle(h -> h.createQuery("SELECT message FROM " + DB.app("failure_marks") + " WHERE job_id = :id")
                    .bind("id", spent).mapTo(String.class).one());
            assertThat(mark).isEqualTo(row.lastError());
            // the worker does not know kind "foreign": its spent job waits for a worker of its family
            assertThat(jobs.get(foreign).status()).isEqualTo("running");
        }
    }

    /** Handles kind "known" and records its failures in the app table, like a family's onFailed. */
    static final class FailureMarkingHandler implements io.jobfleet.engine.JobHandler<com.fasterxml.jackson.databind.JsonNode> {
        @Override
        public String kind() {
            return "known";
        }

        @Override
        public Class<com.fasterxml.jackson.databind.JsonNode> payloadType() {
            return com.fasterxml.jackson.databind.JsonNode.class;
        }

        @Override
        public JobOutcome handle(com.fasterxml.jackson.databind.JsonNode payload, io.jobfleet.engine.JobContext ctx) {
            return JobOutcome.done(null);
        }

        @Override
        public void onFailed(com.fasterxml.jackson.databind.JsonNode payload, io.jobfleet.engine.JobFailure failure,
                             org.jdbi.v3.core.Handle handle) {
            handle.createUpdate("INSERT INTO " + DB.app("failure_marks") + " VALUES (:id, :m)").bind("id", failure.jobId())
                    .bind("m", failure.message()).execute();
        }
    }
}
