package io.jobfleet.flow;

import static org.assertj.core.api.Assertions.assertThat;

import io.jobfleet.db.ClaimedJob;
import io.jobfleet.db.FlowControlSql;
import io.jobfleet.db.NewJob;
import io.jobfleet.db.QueueSql;
import io.jobfleet.db.QueueSql.FailureRecord;
import io.jobfleet.testing.JobsTable;
import io.jobfleet.testing.TestDatabase;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** What the claim takes under key rules: a key's room, an ordered key's head, derived keys. */
class KeyRulesTest {
    @RegisterExtension
    static final TestDatabase DB = new TestDatabase();
    private static final Duration LEASE = Duration.ofSeconds(30);
    private final JobsTable jobs = new JobsTable(DB);
    private final FlowControlSql flow = DB.db().admin().flow();
    private final QueueSql queue = DB.db().queue();

    @BeforeEach
    void clean() {
        DB.truncateJobs();
        DB.db().jdbi().useHandle(h -> {
            h.execute("DELETE FROM " + DB.table("key_limits"));
            h.execute("DELETE FROM " + DB.table("limits"));
            h.execute("DELETE FROM " + DB.table("pauses"));
        });
    }

    private long enqueue(String kind, String key) {
        return jobs.enqueue(NewJob.of("q", kind, "{}").withConcurrencyKey(key));
    }

    private static List<Long> ids(List<ClaimedJob> claimed) {
        return claimed.stream().map(ClaimedJob::id).sorted().toList();
    }

    private void complete(ClaimedJob job) {
        DB.db().jdbi().useTransaction(h -> assertThat(queue.complete(h, job.held(), "w", null)).isTrue());
    }

    @Test
    void anOrderedKeyStartsItsNextJobOnlyAfterThePreviousEndedRetriesIncluded() {
        flow.setKeyRule("q", null, 1, true, null, "test");
        long a1 = enqueue("k", "a");
        long a2 = enqueue("k", "a");
        long a3 = enqueue("k", "a");
        long b1 = enqueue("k", "b");
        long free = enqueue("k", null);

        List<ClaimedJob> first = queue.claim("q", "w", 10, LEASE);
        assertThat(ids(first)).containsExactly(a1, b1, free);
        assertThat(queue.claim("q", "w", 10, LEASE)).isEmpty();

        complete(first.stream().filter(j -> j.id() == a1).findFirst().orElseThrow());
        List<ClaimedJob> second = queue.claim("q", "w", 10, LEASE);
        assertThat(ids(second)).containsExactly(a2);

        // a2 fails and is retried in a minute: a3, due now, waits behind it
        DB.db().jdbi().useTransaction(h -> assertThat(queue.fail(h, second.get(0).held(), "w",
                new FailureRecord("boom", "failed once", false, Duration.ofMinutes(1)), null)).isPresent());
        assertThat(queue.claim("q", "w", 10, LEASE)).isEmpty();
        Instant later = Instant.now().plus(Duration.ofMinutes(2));
        List<ClaimedJob> retry = queue.claim("q", "w", 10, LEASE, later);
        assertThat(ids(retry)).containsExactly(a2);
        complete(retry.get(0));
        assertThat(ids(queue.claim("q", "w", 10, LEASE))).containsExactly(a3);
    }

    @Test
    void aKeyRunsAtMostItsLimitAndOtherKeysAreNotHeldBehindIt() {
        flow.setKeyRule("q", "k", 2, false, null, "test");
        for (int i = 0; i < 30; i++) {
            enqueue("k", "hot");
        }
        long other1 = enqueue("k", "u1");
        long other2 = enqueue("k", "u2");
        long otherKind = enqueue("x", "hot"); // no rule for kind x: its key is not limited

        List<ClaimedJob> claimed = queue.claim("q", "w", 10, LEASE);
        Map<String, Long> byKey = claimed.stream().collect(Collectors.groupingBy(
                j -> j.kind() + ":" + keyOf(j.id()), Collectors.counting()));
        assertThat(byKey).containsEntry("k:hot", 2L).containsEntry("k:u1", 1L).containsEntry("k:u2", 1L)
                .containsEntry("x:hot", 1L);
        assertThat(ids(claimed)).contains(other1, other2, otherKind);
        // the running hot jobs of kind x count for the key too: none of k's hot jobs has room now
        assertThat(queue.claim("q", "w", 10, LEASE)).isEmpty();
        assertThat(flow.keyRules("q")).singleElement().satisfies(r -> {
            assertThat(r.maxPerKey()).isEqualTo(2);
            assertThat(r.busiestRunning()).isEqualTo(2);
        });
    }

    @Test
    void aRuleWithAKeyFieldDerivesTheKeyFromThePayloadAtEnqueueAndForJobsAlreadyWaiting() {
        long before = jobs.enqueue("q", "k", "{\"user_id\": \"u-7\"}");
        int keyed = flow.setKeyRule("q", "k", 1, false, "user_id", "test");
        assertThat(keyed).isEqualTo(1);
        long after = jobs.enqueue("q", "k", "{\"user_id\": \"u-7\"}");
        long numeric = jobs.enqueue("q", "k", "{\"user_id\": 42}");
        long nested = jobs.enqueue("q", "k", "{\"user_id\": {\"id\": 1}}");
        long given = jobs.enqueue(NewJob.of("q", "k", "{\"user_id\": \"u-7\"}").withConcurrencyKey("explicit"));
        long otherKind = jobs.enqueue("q", "other", "{\"user_id\": \"u-7\"}");

        assertThat(keyOf(before)).isEqualTo("u-7");
        assertThat(keyOf(after)).isEqualTo("u-7");
        assertThat(keyOf(numeric)).isEqualTo("42");
        assertThat(keyOf(nested)).isNull();
        assertThat(keyOf(given)).isEqualTo("explicit");
        assertThat(keyOf(otherKind)).isNull();
        assertThat(ids(queue.claim("q", "w", 10, LEASE))).containsExactly(before, numeric, nested, given, otherKind);
    }

    @Test
    void aKeyFieldIsFoundInItsCamelCaseSpellingTooSoBothSpellingsShareAKey() {
        long waiting = jobs.enqueue("q", "k", "{\"conversationId\": \"c-1\"}");
        assertThat(flow.setKeyRule("q", "k", 1, true, "conversation_id", "test")).isEqualTo(1);
        long snake = jobs.enqueue("q", "k", "{\"conversation_id\": \"c-1\"}");
        long camel = jobs.enqueue("q", "k", "{\"conversationId\": \"c-1\"}");
        long both = jobs.enqueue("q", "k", "{\"conversation_id\": \"c-2\", \"conversationId\": \"c-1\"}");
        long nullSnake = jobs.enqueue("q", "k", "{\"conversation_id\": null, \"conversationId\": 7}");
        long otherCase = jobs.enqueue("q", "k", "{\"ConversationId\": \"c-1\"}");

        assertThat(keyOf(waiting)).isEqualTo("c-1");
        assertThat(keyOf(snake)).isEqualTo("c-1");
        assertThat(keyOf(camel)).isEqualTo("c-1");
        assertThat(keyOf(both)).as("the rule's own spelling first").isEqualTo("c-2");
        assertThat(keyOf(nullSnake)).isEqualTo("7");
        assertThat(keyOf(otherCase)).isNull();
        // one at a time and in enqueue order across both spellings
        List<ClaimedJob> first = queue.claim("q", "w", 10, LEASE);
        assertThat(ids(first)).containsExactly(waiting, both, nullSnake, otherCase);
        complete(first.stream().filter(j -> j.id() == waiting).findFirst().orElseThrow());
        assertThat(ids(queue.claim("q", "w", 10, LEASE))).containsExactly(snake);
    }

    @Test
    void pausesAndCapsHoldOnAKeyedQueue() {
        flow.setKeyRule("q", null, 5, false, null, "test");
        for (int i = 0; i < 4; i++) {
            enqueue("a", "k" + i);
            enqueue("b", "k" + i);
        }
        flow.pause("q", "a", "test", "test", null);
        flow.setLimit("q", "b", 3, "test");
        List<ClaimedJob> claimed = queue.claim("q", "w", 10, LEASE);
        assertThat(claimed).hasSize(3).allSatisfy(j -> assertThat(j.kind()).isEqualTo("b"));
        flow.pause("q", null, "test", "test", null);
        flow.resume("q", "a");
        assertThat(queue.claim("q", "w", 10, LEASE)).isEmpty();
        flow.resume("q", null);
        assertThat(queue.claim("q", "w", 10, LEASE)).hasSize(4).allSatisfy(j -> assertThat(j.kind()).isEqualTo("a"));
    }

    @Test
    void aClearedRuleLetsTheKeyRunFreely() {
        flow.setKeyRule("q", null, 1, true, null, "test");
        enqueue("k", "a");
        enqueue("k", "a");
        assertThat(queue.claim("q", "w", 10, LEASE)).hasSize(1);
        assertThat(flow.clearKeyRule("q", null)).isTrue();
        assertThat(flow.clearKeyRule("q", null)).isFalse();
        assertThat(queue.claim("q", "w", 10, LEASE)).hasSize(1);
    }

    private String keyOf(long id) {
        return DB.db().jdbi().withHandle(h -> h.createQuery("SELECT concurrency_key FROM " + DB.jobs() + " WHERE id = :id")
                .bind("id", id).mapTo(String.class).one());
    }
}
