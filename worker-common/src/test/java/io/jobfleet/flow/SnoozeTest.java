package io.jobfleet.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.jobfleet.db.ClaimedJob;
import io.jobfleet.db.JobRow;
import io.jobfleet.db.QueueSql;
import io.jobfleet.db.QueueSql.Held;
import io.jobfleet.engine.JobOutcome;
import io.jobfleet.engine.Payloads;
import io.jobfleet.engine.SnoozeJobException;
import io.jobfleet.testing.JobsTable;
import io.jobfleet.testing.TestClock;
import io.jobfleet.testing.TestDatabase;
import io.jobfleet.testing.TestHandler;
import io.jobfleet.testing.TestWorkers;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A handler's snooze gives the attempt back, is fenced, and is capped by max_snoozes. */
class SnoozeTest {
    @RegisterExtension
    static final TestDatabase DB = new TestDatabase();
    private final JobsTable jobs = new JobsTable(DB);

    @BeforeEach
    void clean() {
        DB.truncateJobs();
    }

    @Test
    void aSnoozedJobComesBackAtItsTimeWithItsAttemptsUnchanged() {
        TestClock clock = new TestClock();
        AtomicInteger calls = new AtomicInteger();
        long id = jobs.enqueue("snooze", "k", "{}");
        try (TestWorkers w = new TestWorkers()) {
            w.start(DB.db(), TestWorkers.config("snooze"), clock, TestHandler.json("k", (p, c) -> {
                if (calls.incrementAndGet() == 1) {
                    throw new SnoozeJobException(Duration.ofMinutes(10), "provider asks to wait");
                }
                return JobOutcome.done("ok");
            }));
            await().atMost(Duration.ofSeconds(10)).until(() -> snoozes(id) == 1);
            JobRow snoozed = jobs.get(id);
            assertThat(snoozed.status()).isEqualTo("pending");
            assertThat(snoozed.attempts()).isZero();
            assertThat(snoozed.scheduledAt()).isAfter(clock.instant().plus(Duration.ofMinutes(9)));
            JsonNode entry = Payloads.tree(snoozed.errors()).get(0);
            assertThat(entry.get("class").asText()).isEqualTo("snoozed");
            assertThat(entry.get("message").asText()).isEqualTo("provider asks to wait");
            assertThat(entry.get("retry_at").isNull()).isFalse();
            await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2)).until(() -> calls.get() == 1);

            clock.advance(Duration.ofMinutes(11));

            await().atMost(Duration.ofSeconds(10)).until(() -> jobs.get(id).status().equals("completed"));
            assertThat(jobs.get(id).attempts()).isEqualTo(1);
            assertThat(jobs.get(id).maxAttempts()).isEqualTo(3);
        }
    }

    @Test
    void pastMaxSnoozesTheJobFailsWithAReadableError() {
        long id = DB.db().jdbi().withHandle(h -> h.createQuery("INSERT INTO " + DB.jobs()
                + " (queue, kind, max_snoozes) VALUES ('snooze', 'k', 2) RETURNING id").mapTo(Long.class).one());
        try (TestWorkers w = new TestWorkers()) {
            w.start(DB.db(), TestWorkers.config("snooze"), TestHandler.json("k", (p, c) -> {
                throw new SnoozeJobException(Duration.ZERO, "quota window still closed");
            }));
            await().atMost(Duration.ofSeconds(10)).until(() -> jobs.get(id).status().equals("failed"));
        }
        JobRow failed = jobs.get(id);
        assertThat(failed.lastError()).isEqualTo("snoozed 2 times, the limit; last reason: quota window still closed");
        assertThat(failed.attempts()).isEqualTo(1);
        assertThat(snoozes(id)).isEqualTo(2);
        assertThat(Payloads.tree(failed.errors())).hasSize(3)
                .allSatisfy(e -> assertThat(e.get("class").asText()).isEqualTo("snoozed"));
    }

    @Test
    void onlyTheHolderOfTheAttemptCanSnooze() {
        long id = jobs.enqueue("snooze", "k", "{}");
        QueueSql queue = DB.db().queue();
        List<ClaimedJob> claimed = queue.claim("snooze", "w1", 1, Duration.ofSeconds(30));
        assertThat(claimed).hasSize(1);
        Held held = claimed.get(0).held();

        assertThat(snooze(queue, held, "w2")).isEmpty();
        assertThat(snooze(queue, new Held(id, held.attempt(), held.token() + 1), "w1")).as("an older claim").isEmpty();
        assertThat(jobs.get(id).status()).isEqualTo("running");
        assertThat(jobs.get(id).attempts()).isEqualTo(1);
        assertThat(snoozes(id)).isZero();

        assertThat(snooze(queue, held, "w1")).hasValueSatisfying(o -> assertThat(o.failed()).isFalse());
        assertThat(jobs.get(id).attempts()).isZero();
        assertThat(snooze(queue, held, "w1")).as("once only").isEmpty();
    }

    private static Optional<QueueSql.SnoozeOutcome> snooze(QueueSql queue, Held held, String worker) {
        return DB.db().jdbi().inTransaction(h -> queue.snooze(h, held, worker, "later", Duration.ofMinutes(1), null));
    }

    private static int snoozes(long id) {
        return DB.db().jdbi().withHandle(h -> h.createQuery("SELECT snoozes FROM " + DB.jobs() + " WHERE id = :id")
                .bind("id", id).mapTo(Integer.class).one());
    }
}
