package io.jobfleet.progress;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.jobfleet.db.JobRow;
import io.jobfleet.db.NewJob;
import io.jobfleet.engine.JobContext;
import io.jobfleet.engine.JobOutcome;
import io.jobfleet.engine.Payloads;
import io.jobfleet.engine.RetryableJobException;
import io.jobfleet.testing.JobsTable;
import io.jobfleet.testing.TestDatabase;
import io.jobfleet.testing.TestHandler;
import io.jobfleet.testing.TestWorkers;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Checkpoints: kept across a retry, read by the next attempt, deleted when the job completes. */
class CheckpointTest {
    @RegisterExtension
    static final TestDatabase DB = new TestDatabase();
    private final JobsTable jobs = new JobsTable(DB);

    @BeforeEach
    void clean() {
        DB.truncateJobs();
    }

    /**
     * Attempt 1 saves step 1 and fails; attempt 2 finds it, saves step 2 and fails; attempt 3 finds
     * both and completes (with app writes when {@code writes}, through the batched completion when not).
     */
    private TestHandler<JsonNode> resuming(String kind, List<String> seen, List<Map<String, String>> kept,
                                           boolean writes) {
        return TestHandler.json(kind, (p, ctx) -> {
            seen.add(ctx.attempt() + ":" + ctx.saved("step-1").map(JsonNode::toString).orElse("-")
                    + "," + ctx.saved("step-2").map(JsonNode::toString).orElse("-"));
            kept.add(jobs.checkpoints(ctx.jobId()));
            if (ctx.attempt() < 3) {
                ctx.checkpoint("step-" + ctx.attempt(), Payloads.tree("{\"by\": " + ctx.attempt() + "}"));
                throw new RetryableJobException("flaky", "step " + (ctx.attempt() + 1) + " failed");
            }
            return writes ? JobOutcome.done("resumed", h -> h.execute("SELECT 1")) : JobOutcome.done("resumed");
        });
    }

    private void resumesAndClears(boolean writes) {
        List<String> seen = new CopyOnWriteArrayList<>();
        List<Map<String, String>> kept = new CopyOnWriteArrayList<>();
        long id = jobs.enqueue(NewJob.of("checkpoints", "resume", "{}").withMaxAttempts(3));
        long other = jobs.enqueue(NewJob.of("checkpoints-other", "keep", "{}"));
        DB.db().jdbi().useHandle(h -> h.execute("INSERT INTO \"" + DB.config().schema()
                + "\".checkpoints (job_id, name, value, attempt) VALUES (?, 'x', '1', 1)", other));
        try (TestWorkers w = new TestWorkers()) {
            w.start(DB.db(), TestWorkers.config("checkpoints"), resuming("resume", seen, kept, writes));
            JobRow row = jobs.awaitFinished(id);
            assertThat(row.status()).isEqualTo("completed");
        }
        assertThat(seen).containsExactly("1:-,-", "2:{\"by\":1},-", "3:{\"by\":1},{\"by\":2}");
        assertThat(kept.get(2)).as("both kept across the retries").containsOnlyKeys("step-1", "step-2");
        assertThat(jobs.checkpoints(id)).as("deleted by the completion").isEmpty();
        assertThat(jobs.checkpoints(other)).as("another job's checkpoints stay").containsOnlyKeys("x");
    }

    @Test
    void aRetryReadsWhatEarlierAttemptsSavedAndCompletionDeletesIt() {
        resumesAndClears(true);
    }

    @Test
    void theBatchedCompletionDeletesCheckpointsToo() {
        resumesAndClears(false);
    }

    @Test
    void aFailedJobKeepsItsCheckpointsForAManualRetry() {
        long id = jobs.enqueue(NewJob.of("checkpoints", "fails", "{}").withMaxAttempts(1));
        try (TestWorkers w = new TestWorkers()) {
            w.start(DB.db(), TestWorkers.config("checkpoints"), TestHandler.json("fails", (p, ctx) -> {
                ctx.checkpoint("half", Payloads.tree("[1, 2, 3]"));
                ctx.checkpoint("half", Payloads.tree("[1, 2, 3, 4]"));
                throw new RetryableJobException("flaky", "no luck");
            }));
            assertThat(jobs.awaitFinished(id).status()).isEqualTo("failed");
        }
        assertThat(jobs.checkpoints(id)).containsExactly(Map.entry("half", "[1, 2, 3, 4]"));
    }

    @Test
    void aCheckpointPastTheBoundFailsTheJobWithAReadableError() {
        long id = jobs.enqueue(NewJob.of("checkpoints", "huge", "{}"));
        try (TestWorkers w = new TestWorkers()) {
            w.start(DB.db(), TestWorkers.config("checkpoints"), TestHandler.json("huge", (p, ctx) -> {
                ctx.checkpoint("all", Payloads.mapper().getNodeFactory()
                        .textNode("x".repeat(JobContext.CHECKPOINT_MAX_BYTES)));
                return JobOutcome.done("never");
            }));
            JobRow row = jobs.awaitFinished(id);
            assertThat(row.status()).isEqualTo("failed");
            assertThat(row.attempts()).as("permanent: not retried").isEqualTo(1);
            assertThat(row.lastError()).contains("checkpoint 'all' is", "at most 1048576 bytes");
        }
        assertThat(jobs.checkpoints(id)).isEmpty();
        Optional<String> cls = Optional.ofNullable(Payloads.tree(jobs.get(id).errors()).path(0).path("class").asText(null));
        assertThat(cls).contains("checkpoint_too_large");
    }
}
