package io.jobfleet.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.jobfleet.db.JobRow;
import io.jobfleet.db.NewJob;
import io.jobfleet.testing.JobsTable;
import io.jobfleet.testing.TestDatabase;
import io.jobfleet.testing.TestHandler;
import io.jobfleet.testing.TestWorkers;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A job that is not due yet is claimed when it comes due, not when the worker's next poll comes
 * round (up to --poll-max later): a retry after its backoff, a snoozed job, a job the app inserted
 * for later. Each worker here polls every ten minutes, so only the due time can wake it.
 */
class DueWakeTest {
    @RegisterExtension
    static final TestDatabase DB = new TestDatabase();

    private final JobsTable jobs = new JobsTable(DB);
    private final TestWorkers workers = new TestWorkers();

    @Test
    void aRetryIsClaimedWhenItsBackoffEndsNotWhenTheNextPollComesRound() {
        JobsTable jobs = new JobsTable(DB);
        TestHandler<JsonNode> once = TestHandler.json("once", (p, ctx) -> {
            if (ctx.attempt() == 1) {
                throw new RetryableJobException("upstream", "upstream unavailable", Duration.ofMillis(300), null);
            }
            return JobOutcome.done(null);
        });
        long id = jobs.enqueue(NewJob.of("due-retry", "once", "{}"));
        runWithTenMinutePolls("due-retry", once);
        await().atMost(Duration.ofSeconds(30)).until(() -> jobs.get(id).status().equals("completed"));
        assertThat(jobs.get(id).attempts()).isEqualTo(2);
    }

    @Test
    void aSnoozedJobIsClaimedWhenDueNotWhenTheNextPollComesRound() {
        JobsTable jobs = new JobsTable(DB);
        AtomicInteger runs = new AtomicInteger();
        TestHandler<JsonNode> sleepy = TestHandler.json("sleepy", (p, ctx) -> {
            if (runs.getAndIncrement() == 0) {
                throw new SnoozeJobException(Duration.ofMillis(300), "not yet");
            }
            return JobOutcome.done(null);
        });
        long id = jobs.enqueue(NewJob.of("due-snooze", "sleepy", "{}"));
        runWithTenMinutePolls("due-snooze", sleepy);
        await().atMost(Duration.ofSeconds(30)).until(() -> jobs.get(id).status().equals("completed"));
        assertThat(jobs.get(id).attempts()).as("a snooze gives its attempt back").isEqualTo(1);
    }

    /** A worker of {@code queue}: its first round claims what is due at its start; its next poll is ten minutes away. */
    private Worker runWithTenMinutePolls(String queue, TestHandler<JsonNode> handler) {
        return workers.start(DB.db(), TestWorkers.builder(queue).pollMin(Duration.ofMinutes(10)).pollMax(Duration.ofMinutes(10))
                .build(), handler);
    }

    @AfterEach
    void stopWorkers() {
        workers.close();
    }

    @Test
    void aJobInsertedForLaterIsClaimedWhenDue() {
        TestHandler<JsonNode> later = TestHandler.json("later", (p, ctx) -> JobOutcome.done(null));
        Worker worker = runWithTenMinutePolls("due-later", later);
        await().atMost(Duration.ofSeconds(10)).until(worker::listening); // else the insert's notification is missed
        long id = jobs.enqueue(NewJob.of("due-later", "later", "{}").withDelay(Duration.ofMillis(1500)));

        await().atMost(Duration.ofSeconds(30)).until(() -> jobs.get(id).status().equals("completed"));
        JobRow row = jobs.get(id);
        assertThat(row.startedAt()).as("not before it was due").isAfterOrEqualTo(row.scheduledAt());
    }
}
