package io.jobfleet.flow;

import static org.assertj.core.api.Assertions.assertThat;

import io.jobfleet.db.ClaimedJob;
import io.jobfleet.db.FlowControlSql;
import io.jobfleet.db.NewJob;
import io.jobfleet.db.QueueSql;
import io.jobfleet.testing.JobsChannel;
import io.jobfleet.testing.JobsTable;
import io.jobfleet.testing.TestDatabase;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A job's end wakes its queue's workers (a notification on the jobs channel) when it ran under a
 * cap or a key rule, and only then (schema version 17): the claim marks such jobs, and a cap or key
 * rule set while jobs run marks those. What a job's end sent is read up to a marker sent after it
 * ({@link JobsChannel}).
 */
class RoomFreedNoticeTest {
    @RegisterExtension
    static final TestDatabase DB = new TestDatabase();
    private static final Duration LEASE = Duration.ofSeconds(30);
    private static final String WORKER = "room-test";
    private final JobsTable jobs = new JobsTable(DB);
    private final FlowControlSql flow = DB.db().admin().flow();
    private final QueueSql queue = DB.db().queue();
    private JobsChannel channel;

    @BeforeEach
    void listen() throws SQLException {
        DB.truncateJobs();
        DB.execute("DELETE FROM \"" + DB.config().schema() + "\".limits");
        DB.execute("DELETE FROM \"" + DB.config().schema() + "\".key_limits");
        channel = new JobsChannel(DB, "room-freed-test");
    }

    @AfterEach
    void close() throws SQLException {
        channel.close();
    }

    @Test
    void theEndOfAJobOfAPlainQueueWakesNoOne() throws SQLException {
        jobs.enqueue("plain", "k", "{}");
        ClaimedJob job = claimOne("plain");

        assertThat(freesRoom(job)).isFalse();
        assertThat(wakesAtItsEnd(job)).isEmpty();
    }

    @Test
    void theEndOfAJobUnderACapWakesItsQueue() throws SQLException {
        flow.setLimit("capped", null, 5, "test");
        jobs.enqueue("capped", "k", "{}");
        ClaimedJob job = claimOne("capped");

        assertThat(freesRoom(job)).isTrue();
        assertThat(wakesAtItsEnd(job)).containsExactly("capped");
    }

    @Test
    void aCapSetWhileAJobRunsMakesItsEndWakeTheQueue() throws SQLException {
        jobs.enqueue("late", "a", "{}");
        jobs.enqueue("late", "b", "{}");
        List<ClaimedJob> claimed = queue.claim("late", WORKER, 2, LEASE);
        ClaimedJob a = claimed.stream().filter(j -> j.kind().equals("a")).findFirst().orElseThrow();
        ClaimedJob b = claimed.stream().filter(j -> j.kind().equals("b")).findFirst().orElseThrow();
        assertThat(freesRoom(a)).isFalse();

        flow.setLimit("late", "a", 1, "test"); // kind a's cap: only a's end frees room under it

        assertThat(freesRoom(a)).isTrue();
        assertThat(freesRoom(b)).isFalse();
        assertThat(wakesAtItsEnd(b)).isEmpty();
        assertThat(wakesAtItsEnd(a)).containsExactly("late");
    }

    @Test
    void underAKeyRuleOnlyAKeyedJobsEndWakesTheQueue() throws SQLException {
        flow.setKeyRule("keyed", null, 1, false, null, "test");
        jobs.enqueue(NewJob.of("keyed", "k", "{}").withConcurrencyKey("user-1"));
        jobs.enqueue(NewJob.of("keyed", "k", "{}"));
        List<ClaimedJob> claimed = queue.claim("keyed", WORKER, 2, LEASE);
        assertThat(claimed).hasSize(2);
        ClaimedJob keyed = claimed.stream().filter(j -> freesRoom(j)).findFirst().orElseThrow();
        ClaimedJob unkeyed = claimed.stream().filter(j -> j != keyed).findFirst().orElseThrow();

        assertThat(freesRoom(unkeyed)).isFalse();
        assertThat(wakesAtItsEnd(unkeyed)).isEmpty();
        assertThat(wakesAtItsEnd(keyed)).containsExactly("keyed");
    }

    @Test
    void aKeyRuleSetWhileKeyedJobsRunMarksThem() throws SQLException {
        jobs.enqueue(NewJob.of("later", "k", "{}").withConcurrencyKey("user-1"));
        ClaimedJob job = claimOne("later");
        assertThat(freesRoom(job)).isFalse();

        flow.setKeyRule("later", null, 1, false, null, "test");

        assertThat(freesRoom(job)).isTrue();
        assertThat(wakesAtItsEnd(job)).containsExactly("later");
    }

    private ClaimedJob claimOne(String q) {
        List<ClaimedJob> claimed = queue.claim(q, WORKER, 1, LEASE);
        assertThat(claimed).hasSize(1);
        return claimed.get(0);
    }

    private static boolean freesRoom(ClaimedJob job) {
        return DB.db().jdbi().withHandle(h -> h.createQuery("SELECT frees_room FROM " + DB.jobs() + " WHERE id = :id")
                .bind("id", job.id()).mapTo(Boolean.class).one());
    }

    /** Completes {@code job}; returns the queues its end woke (the payloads received up to a marker sent after it). */
    private List<String> wakesAtItsEnd(ClaimedJob job) throws SQLException {
        channel.drainUpToMarker();
        assertThat(queue.completeBatch(WORKER, List.of(job.held()), List.of("null"))).containsExactly(job.id());
        return channel.drainUpToMarker();
    }
}
