package io.jobfleet.db;

import static org.assertj.core.api.Assertions.assertThat;

import io.jobfleet.db.QueueSql.FailOutcome;
import io.jobfleet.db.QueueSql.FailureRecord;
import io.jobfleet.db.QueueSql.Held;
import io.jobfleet.testing.JobsTable;
import io.jobfleet.testing.TestDatabase;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A stale attempt stays fenced out after an operator reset the job's attempts and the same worker
 * claimed it again: its (attempt, worker) pair matches the new attempt, its claim token does not.
 */
class ClaimTokenTest {
    @RegisterExtension
    static final TestDatabase DB = new TestDatabase();
    private static final Duration LEASE = Duration.ofSeconds(30);

    private final JobsTable jobs = new JobsTable(DB);
    private final QueueSql queue = DB.db().queue();

    @BeforeEach
    void empty() {
        DB.truncateJobs();
        DB.db().jdbi().useHandle(h -> h.execute("CREATE TABLE IF NOT EXISTS \"" + DB.config().appSchema()
                + "\".effects (job_id bigint NOT NULL, by_token bigint NOT NULL)"));
        DB.db().jdbi().useHandle(h -> h.execute("TRUNCATE \"" + DB.config().appSchema() + "\".effects"));
    }

    @Test
    void aStaleAttemptCannotCompleteOrWriteAfterARetry() {
        long id = jobs.enqueue("q", "k", "{}");
        ClaimedJob stale = claimOne("w1");
        assertThat(queue.cancel(id)).isTrue();
        assertThat(DB.db().admin().retry().retry(id).retried()).isTrue();
        ClaimedJob fresh = claimOne("w1");

        assertThat(fresh.attempt()).as("same attempt number, same worker").isEqualTo(stale.attempt());
        assertThat(fresh.claimToken()).isNotEqualTo(stale.claimToken());
        assertFencedOut(stale);
        assertStillHeld(fresh);
    }

    @Test
    void aStaleAttemptCannotCompleteOrWriteAfterAForcedUnlock() {
        long id = jobs.enqueue(NewJob.of("q", "k", "{}").withMaxAttempts(1));
        ClaimedJob stale = claimOne("w1");
        DB.db().jdbi().useHandle(h -> h.execute("UPDATE " + DB.jobs()
                + " SET lease_until = now() - interval '1 minute' WHERE id = ?", id));
        List<UnlockSql.Unlocked> unlocked = DB.db().admin().unlock().execute(
                new UnlockSql.Filter(null, null, List.of(id), Duration.ZERO), true, "operator test", BatchProgress.NONE);
        assertThat(unlocked).extracting(UnlockSql.Unlocked::status).containsExactly("pending");
        ClaimedJob fresh = claimOne("w1");

        assertThat(fresh.attempt()).isEqualTo(stale.attempt());
        assertFencedOut(stale);
        assertStillHeld(fresh);
    }

    private ClaimedJob claimOne(String worker) {
        List<ClaimedJob> claimed = queue.claim("q", worker, 1, LEASE);
        assertThat(claimed).hasSize(1);
        return claimed.get(0);
    }

    private void assertFencedOut(ClaimedJob stale) {
        Held held = stale.held();
        assertThat(queue.heartbeat("w1", List.of(held), LEASE, null)).isEmpty();
        assertThat(queue.completeBatch("w1", List.of(held), List.of("\"stale\""))).isEmpty();
        boolean wrote = DB.db().jdbi().inTransaction(h -> {
            if (!queue.lockIfHeld(h, held, "w1")) {
                return false;
            }
            h.createUpdate("INSERT INTO effects VALUES (:id, :token)")
                    .bind("id", held.id()).bind("token", held.token()).execute();
            return true;
        });
        assertThat(wrote).as("fenced writes of the stale attempt").isFalse();
        boolean completed = DB.db().jdbi().inTransaction(h -> queue.complete(h, held, "w1", "\"stale\""));
        assertThat(completed).isFalse();
        Optional<FailOutcome> failed = DB.db().jdbi().inTransaction(h -> queue.fail(h, held, "w1",
                new FailureRecord("error", "stale", true, Duration.ZERO), null));
        assertThat(failed).isEmpty();
        assertThat(jobs.get(held.id()).status()).isEqualTo("running");
        assertThat(jobs.get(held.id()).result()).isNull();
        long effects = DB.db().jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM effects")
                .mapTo(Long.class).one());
        assertThat(effects).isZero();
    }

    private void assertStillHeld(ClaimedJob fresh) {
        assertThat(queue.heartbeat("w1", List.of(fresh.held()), LEASE, null)).containsExactly(fresh.id());
        assertThat(queue.completeBatch("w1", List.of(fresh.held()), List.of("\"fresh\"")))
                .containsExactly(fresh.id());
        assertThat(jobs.get(fresh.id()).result()).isEqualTo("\"fresh\"");
    }
}
