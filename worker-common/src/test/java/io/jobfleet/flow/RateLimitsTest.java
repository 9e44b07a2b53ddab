package io.jobfleet.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.jobfleet.db.FlowControlSql;
import io.jobfleet.db.QueueSql;
import io.jobfleet.db.QueueSql.ClaimRound;
import io.jobfleet.db.RateLimitSql;
import io.jobfleet.db.RateLimitSql.Grant;
import io.jobfleet.testing.JobsTable;
import io.jobfleet.testing.TestDatabase;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Token buckets in PostgreSQL: taken by the claim of a rate-limited queue, and by handlers by name. */
class RateLimitsTest {
    @RegisterExtension
    static final TestDatabase DB = new TestDatabase();
    private static final Duration LEASE = Duration.ofSeconds(30);
    private final JobsTable jobs = new JobsTable(DB);
    private final FlowControlSql flow = DB.db().admin().flow();
    private final QueueSql queue = DB.db().queue();
    private final RateLimitSql rates = DB.db().rates();

    @BeforeEach
    void clean() {
        DB.truncateJobs();
        DB.db().jdbi().useHandle(h -> h.execute("DELETE FROM " + DB.table("rate_limits")));
    }

    /** A time safely after every bucket's last refill, so the test's clock decides the refill. */
    private static Instant base() {
        return Instant.now().plusSeconds(5);
    }

    @Test
    void theClaimOfARateLimitedQueueTakesOnlyTheTokensThereAreAndSaysWhenTheNextIsDue() {
        for (int i = 0; i < 20; i++) {
            jobs.enqueue("q", "k", "{}");
        }
        flow.setRateLimit(FlowControlSql.claimBucket("q", null), 2, 1, 3, "test"); // 2/s, burst 3
        Instant t = base();

        ClaimRound first = queue.claimRound("q", "w", 10, LEASE, t);
        assertThat(first.jobs()).hasSize(3);
        assertThat(first.retryIn()).isNotNull().isBetween(Duration.ofMillis(1), Duration.ofMillis(500));

        ClaimRound none = queue.claimRound("q", "w", 10, LEASE, t.plusMillis(100));
        assertThat(none.jobs()).isEmpty();
        assertThat(none.retryIn()).isNotNull();

        // one second later: two more tokens
        assertThat(queue.claimRound("q", "w", 10, LEASE, t.plusMillis(1100)).jobs()).hasSize(2);
        // the claimed jobs spent their attempt; the held back ones did not
        assertThat(jobs.all()).filteredOn(j -> j.status().equals("pending"))
                .hasSize(15).allSatisfy(j -> assertThat(j.attempts()).isZero());
    }

    @Test
    void aKindsBucketHoldsOnlyThatKind() {
        for (int i = 0; i < 5; i++) {
            jobs.enqueue("q", "slow", "{}");
            jobs.enqueue("q", "fast", "{}");
        }
        flow.setRateLimit(FlowControlSql.claimBucket("q", "slow"), 1, 60, 1, "test"); // 1 a minute
        ClaimRound round = queue.claimRound("q", "w", 10, LEASE, base());
        assertThat(round.jobs()).filteredOn(j -> j.kind().equals("slow")).hasSize(1);
        assertThat(round.jobs()).filteredOn(j -> j.kind().equals("fast")).hasSize(5);
        // the one token was taken at once: the next is a whole minute away
        assertThat(round.retryIn()).isBetween(Duration.ofSeconds(59), Duration.ofSeconds(60));
    }

    @Test
    void aQueueWithoutBucketsGetsNoHint() {
        jobs.enqueue("q", "k", "{}");
        ClaimRound round = queue.claimRound("q", "w", 10, LEASE, null);
        assertThat(round.jobs()).hasSize(1);
        assertThat(round.retryIn()).isNull();
    }

    /**
     * A queue's buckets are named by its exact name: `_` and `%` in it are characters, not LIKE
     * wildcards, so the buckets of queue send-email are not send_email's (schema version 21).
     */
    @Test
    void anotherQueuesBucketsAreNotThisQueuesWhateverItsNameHolds() {
        for (int i = 0; i < 3; i++) {
            jobs.enqueue("send_email", "sms", "{}");
        }
        flow.setRateLimit(FlowControlSql.claimBucket("send-email", "sms"), 1, 60, 5, "test");
        flow.setRateLimit(FlowControlSql.claimBucket("send%", "sms"), 1, 60, 5, "test");

        ClaimRound plain = queue.claimRound("send_email", "w", 10, LEASE, base());
        assertThat(plain.plain()).as("no rule names send_email: the plain claim").isTrue();
        assertThat(plain.jobs()).hasSize(3);

        for (int i = 0; i < 3; i++) {
            jobs.enqueue("send_email", "sms", "{}");
        }
        flow.setRateLimit(FlowControlSql.claimBucket("send_email", null), 100, 1, 100, "test");
        flow.setRateLimit(FlowControlSql.claimBucket("send_email", "sms"), 1, 60, 2, "test");
        ClaimRound ruled = queue.claimRound("send_email", "w", 10, LEASE, base());
        assertThat(ruled.plain()).isFalse();
        assertThat(ruled.jobs()).as("its own kind's bucket holds 2 tokens").hasSize(2);
        assertThat(tokens(FlowControlSql.claimBucket("send-email", "sms"))).as("untouched").isEqualTo(5.0);
        assertThat(tokens(FlowControlSql.claimBucket("send%", "sms"))).as("untouched").isEqualTo(5.0);
    }

    private static double tokens(String bucket) {
        return DB.db().jdbi().withHandle(h -> h.createQuery("SELECT tokens FROM " + DB.table("rate_limits")
                + " WHERE name = :name").bind("name", bucket).mapTo(Double.class).one());
    }

    @Test
    void aNamedBucketGrantsAllOrNothingAndSettlesAnEstimate() {
        flow.setRateLimit("llm:tokens", 1000, 60, 1000, "test"); // 1,000 tokens a minute
        Instant t = base();
        assertThat(rates.tryTake("llm:tokens", 800, t).granted()).isTrue();
        Grant refused = rates.tryTake("llm:tokens", 300, t);
        assertThat(refused.granted()).isFalse();
        // 100 tokens short at 1,000 a minute: 6 seconds
        assertThat(refused.waitFrom(t).toMillis()).isCloseTo(6000, within(10L));

        rates.settle("llm:tokens", 500); // the call used 300 of the 800 reserved
        assertThat(rates.tryTake("llm:tokens", 300, t).granted()).isTrue();
        assertThat(flow.rateLimits("llm:")).singleElement()
                .satisfies(r -> assertThat(r.tokens()).isLessThanOrEqualTo(400));
    }

    @Test
    void reservationsTakeATokenEachAndComeDueOneAfterAnotherAtTheRate() {
        flow.setRateLimit("sends", 2, 1, 2, "test"); // 2/s, burst 2
        Instant t = base().truncatedTo(java.time.temporal.ChronoUnit.MICROS); // PostgreSQL's precision
        assertThat(rates.reserve("sends", 1, t)).isEqualTo(new Grant(true, t));
        assertThat(rates.reserve("sends", 1, t)).isEqualTo(new Grant(true, t));
        // the backlog: each reservation is due half a second after the one before, counted from now
        for (int i = 1; i <= 4; i++) {
            Grant g = rates.reserve("sends", 1, t);
            assertThat(g.granted()).isFalse();
            assertThat(g.retryAt()).isEqualTo(t.plusMillis(500L * i));
        }
        // the debt is paid back by the refill: at t + 2 s the bucket is empty, at t + 2.5 s one token is free
        assertThat(rates.tryTake("sends", 1, t.plusMillis(2000)).granted()).isFalse();
        assertThat(rates.tryTake("sends", 1, t.plusMillis(2500)).granted()).isTrue();
        assertThat(rates.reserve("nothing:defined", 1e9, t)).isEqualTo(new Grant(true, t));
    }

    @Test
    void aNameWithoutABucketIsNotLimited() {
        assertThat(rates.tryTake("nothing:defined", 1e9).granted()).isTrue();
        rates.settle("nothing:defined", 5); // no bucket, nothing to settle
        assertThat(flow.clearRateLimit("nothing:defined")).isFalse();
    }
}
