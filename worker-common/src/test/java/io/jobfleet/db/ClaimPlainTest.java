package io.jobfleet.db;

import static org.assertj.core.api.Assertions.assertThat;

import io.jobfleet.db.QueueSql.ClaimRound;
import io.jobfleet.testing.JobsTable;
import io.jobfleet.testing.TestDatabase;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A queue that no flow-control rule names is claimed by the plain statement; any rule of the queue
 * turns it aside, without claiming or locking a job, and the round claims by the rules.
 */
class ClaimPlainTest {
    @RegisterExtension
    static final TestDatabase DB = new TestDatabase();
    private static final Duration LEASE = Duration.ofSeconds(30);

    private final JobsTable jobs = new JobsTable(DB);

    @BeforeEach
    void noJobsNoRules() {
        DB.truncateJobs();
        DB.execute("DELETE FROM " + DB.table("pauses") + "; DELETE FROM " + DB.table("limits") + "; DELETE FROM "
                + DB.table("key_limits") + "; DELETE FROM " + DB.table("rate_limits"));
    }

    @Test
    void claimsThePlainQueuesDueJobsWithinItsLimit() {
        long low = jobs.enqueue("q", "k", "{}");
        long high = jobs.enqueue(NewJob.of("q", "k", "{}").withPriority(5));
        long third = jobs.enqueue("q", "k", "{}");
        long later = jobs.enqueue(NewJob.of("q", "k", "{}").withDelay(Duration.ofHours(1)));
        long elsewhere = jobs.enqueue("other", "k", "{}");

        Optional<ClaimRound> claimed = DB.db().queue().claimPlain("q", "w1", 2, LEASE, null);

        assertThat(claimed).isPresent();
        assertThat(claimed.get().jobs()).extracting(ClaimedJob::id).containsExactly(high, low);
        JobRow row = jobs.get(high);
        assertThat(row.status()).isEqualTo("running");
        assertThat(row.lockedBy()).isEqualTo("w1");
        assertThat(row.attempts()).isEqualTo(1);
        assertThat(row.leaseUntil()).isNotNull();
        assertThat(claimed.get().jobs()).allSatisfy(j -> assertThat(j.claimToken()).isPositive());
        assertThat(jobs.get(third).status()).isEqualTo("pending");
        assertThat(jobs.get(later).status()).isEqualTo("pending");
        assertThat(jobs.get(elsewhere).status()).isEqualTo("pending");
        assertThat(DB.db().queue().claimRound("q", "w1", 10, LEASE, null).jobs()).extracting(ClaimedJob::id)
                .containsExactly(third);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "INSERT INTO {t.pauses} (queue, reason) VALUES ('q', 'incident')",
        "INSERT INTO {t.pauses} (queue, kind, reason, until) VALUES ('q', 'other-kind', 'provider down', now() + interval '1 hour')",
        "INSERT INTO {t.limits} (queue, max_running) VALUES ('q', 100)",
        "INSERT INTO {t.limits} (queue, kind, max_running) VALUES ('q', 'other-kind', 1)",
        "INSERT INTO {t.key_limits} (queue, max_per_key) VALUES ('q', 1)",
        "INSERT INTO {t.rate_limits} (name, permits, per_seconds, burst, tokens) VALUES ('queue:q', 100, 1, 100, 100)",
        "INSERT INTO {t.rate_limits} (name, permits, per_seconds, burst, tokens) VALUES ('queue:q:k', 100, 1, 100, 100)"})
    void anyRuleOfTheQueueTurnsThePlainStatementAsideWithoutTakingAJob(String rule) {
        DB.execute(tables(rule));
        long id = jobs.enqueue("q", "k", "{}");

        Optional<ClaimRound> claimed = DB.db().queue().claimPlain("q", "w1", 10, LEASE, null);

        assertThat(claimed).isEmpty();
        assertThat(jobs.get(id).status()).isEqualTo("pending");
        assertThat(jobs.get(id).lockedBy()).isNull();
        assertThat(jobs.get(id).attempts()).isZero();
    }

    @Test
    void rulesOfOtherQueuesAndPausesThatEndedLeaveTheQueuePlain() {
        DB.execute(tables("INSERT INTO {t.pauses} (queue, reason) VALUES ('other', 'incident');"
                + "INSERT INTO {t.pauses} (queue, reason, until) VALUES ('q', 'over', now() - interval '1 minute');"
                + "INSERT INTO {t.limits} (queue, max_running) VALUES ('qq', 1);"
                + "INSERT INTO {t.key_limits} (queue, max_per_key) VALUES ('other', 1);"
                + "INSERT INTO {t.rate_limits} (name, permits, per_seconds, burst, tokens) VALUES"
                + " ('queue:qq', 1, 1, 1, 0), ('queue:other:q', 1, 1, 1, 0), ('llm', 1, 1, 1, 0)"));
        long id = jobs.enqueue("q", "k", "{}");

        Optional<ClaimRound> claimed = DB.db().queue().claimPlain("q", "w1", 10, LEASE, null);

        assertThat(claimed).isPresent();
        assertThat(claimed.get().jobs()).extracting(ClaimedJob::id).containsExactly(id);
    }

    @Test
    void aRoundOfARuledQueueClaimsByItsRulesAndAgainWhenTheyAreGone() {
        DB.execute(tables("INSERT INTO {t.pauses} (queue, kind, reason) VALUES ('q', 'a', 'provider down')"));
        long a = jobs.enqueue("q", "a", "{}");
        long b = jobs.enqueue("q", "b", "{}");
        QueueSql queue = DB.db().queue();

        assertThat(queue.claimRound("q", "w1", 10, LEASE, null).jobs()).extracting(ClaimedJob::id).containsExactly(b);
        DB.execute(tables("DELETE FROM {t.pauses}"));
        // within the recheck the round claims with claim.sql alone, which finds no rule now
        assertThat(queue.claimRound("q", "w1", 10, LEASE, null).jobs()).extracting(ClaimedJob::id).containsExactly(a);
        DB.execute(tables("INSERT INTO {t.pauses} (queue, reason) VALUES ('q', 'incident')"));
        jobs.enqueue("q", "b", "{}");
        assertThat(queue.claimRound("q", "w1", 10, LEASE, null).jobs()).isEmpty();
    }

    @Test
    void afterARoundThatTookEveryDueJobNoneIsLeft() {
        jobs.enqueue("q", "k", "{}");
        jobs.enqueue("q", "k", "{}");
        jobs.enqueue(NewJob.of("q", "k", "{}").withDelay(Duration.ofHours(1)));
        jobs.enqueue("other", "k", "{}");

        ClaimRound round = DB.db().queue().claimPlain("q", "w1", 5, LEASE, null).orElseThrow();

        assertThat(round.jobs()).hasSize(2);
        assertThat(round.plain()).isTrue();
        assertThat(DB.db().queue().dueLeft("q", null)).isFalse();
    }

    @Test
    void afterARoundThatStoppedAtItsLimitJobsAreLeft() {
        for (int i = 0; i < 3; i++) {
            jobs.enqueue("q", "k", "{}");
        }

        ClaimRound round = DB.db().queue().claimPlain("q", "w1", 2, LEASE, null).orElseThrow();

        assertThat(round.jobs()).hasSize(2);
        assertThat(DB.db().queue().dueLeft("q", null)).isTrue();
    }

    @Test
    void aRowARoundSkippedWhileAnotherTransactionHeldItIsLeft() throws Exception {
        long held = jobs.enqueue("q", "k", "{}");
        long free = jobs.enqueue("q", "k", "{}");
        try (Connection other = DB.db().openDedicatedConnection("claim-plain-holder")) {
            other.setAutoCommit(false);
            try (Statement s = other.createStatement()) {
                // as another worker's claim holds the rows it is taking until it commits
                s.executeQuery("SELECT id FROM " + DB.jobs() + " WHERE id = " + held + " FOR UPDATE").close();

                ClaimRound round = DB.db().queue().claimPlain("q", "w1", 5, LEASE, null).orElseThrow();

                assertThat(round.jobs()).extracting(ClaimedJob::id).containsExactly(free);
                assertThat(DB.db().queue().dueLeft("q", null)).isTrue();
            } finally {
                other.rollback();
            }
        }
    }

    private static String tables(String sql) {
        return sql.replace("{t.pauses}", DB.table("pauses")).replace("{t.limits}", DB.table("limits"))
                .replace("{t.key_limits}", DB.table("key_limits")).replace("{t.rate_limits}", DB.table("rate_limits"));
    }
}
