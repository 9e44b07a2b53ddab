package io.jobfleet.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.jobfleet.db.Database;
import io.jobfleet.db.FlowControlSql;
import io.jobfleet.db.NewJob;
import io.jobfleet.testing.JobsTable;
import io.jobfleet.testing.TestDatabase;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The insert trigger that derives a job's key from its payload is on exactly while some key rule
 * names a payload field (schema version 19), whoever changes the rules and however many do at once.
 */
class KeyDerivationTriggerTest {
    @RegisterExtension
    static final TestDatabase DB = new TestDatabase();
    private final JobsTable jobs = new JobsTable(DB);
    private final FlowControlSql flow = DB.db().admin().flow();

    @BeforeEach
    void clean() {
        DB.truncateJobs();
        DB.execute("DELETE FROM " + DB.table("key_limits"));
    }

    private boolean triggerOn() {
        return DB.db().jdbi().withHandle(h -> h.createQuery("SELECT tgenabled <> 'D' FROM pg_trigger "
                        + "WHERE tgrelid = CAST(:jobs AS regclass) AND tgname = 'jobs_derive_concurrency_key'")
                .bind("jobs", DB.jobs()).mapTo(Boolean.class).one());
    }

    private String keyOfNewJob(String queue) {
        long id = jobs.enqueue(NewJob.of(queue, "k", "{\"conversation_id\": \"c-1\"}"));
        return DB.db().jdbi().withHandle(h -> h.createQuery("SELECT concurrency_key FROM " + DB.jobs() + " WHERE id = :id")
                .bind("id", id).mapTo(String.class).one());
    }

    @Test
    void onOnlyWhileARuleNamesAField() {
        assertThat(triggerOn()).as("no rule").isFalse();
        assertThat(keyOfNewJob("q")).isNull();

        flow.setKeyRule("other", null, 2, false, null, "test");
        assertThat(triggerOn()).as("a rule without a field").isFalse();

        flow.setKeyRule("q", null, 1, true, "conversation_id", "test");
        assertThat(triggerOn()).isTrue();
        assertThat(keyOfNewJob("q")).isEqualTo("c-1");
        assertThat(keyOfNewJob("other")).as("no field for that queue").isNull();

        flow.setKeyRule("q2", "k", 1, true, "conversation_id", "test");
        flow.clearKeyRule("q", null);
        assertThat(triggerOn()).as("q2's rule still names a field").isTrue();
        assertThat(keyOfNewJob("q2")).isEqualTo("c-1");

        flow.setKeyRule("q2", "k", 1, true, null, "test");
        assertThat(triggerOn()).as("the field dropped from the last rule naming one").isFalse();
        assertThat(keyOfNewJob("q2")).isNull();

        DB.execute("INSERT INTO " + DB.table("key_limits") + " (queue, max_per_key, key_field) VALUES ('q', 1, 'conversation_id')");
        assertThat(triggerOn()).as("a rule written in plain SQL").isTrue();
        DB.execute("TRUNCATE " + DB.table("key_limits"));
        assertThat(triggerOn()).isFalse();
    }

    @Test
    void aRolledBackRuleLeavesTheTriggerAsItWas() {
        DB.db().jdbi().useHandle(h -> {
            h.begin();
            h.execute("INSERT INTO " + DB.table("key_limits") + " (queue, max_per_key, key_field) VALUES ('q', 1, 'conversation_id')");
            h.rollback();
        });
        assertThat(triggerOn()).isFalse();
        assertThat(keyOfNewJob("q")).isNull();
    }

    @Test
    void addingAFieldRuleWhileTheLastOtherIsRemovedLeavesItOn() throws Exception {
        flow.setKeyRule("b", null, 1, true, "conversation_id", "test");
        assertThat(triggerOn()).isTrue();
        try (Database other = DB.openAnother("key-derivation-race", 2);
             Handle removing = DB.db().jdbi().open()) {
            // the last field rule is removed first: its transaction turns the trigger off, uncommitted
            removing.begin();
            removing.execute("DELETE FROM " + DB.table("key_limits") + " WHERE queue = 'b'");
            // a field rule is added meanwhile: its trigger waits for the removal's decision (without
            // that wait it would see the trigger on, leave it, and the removal's commit turn it off)
            CompletableFuture<Integer> adding = CompletableFuture.supplyAsync(() -> other.jdbi().inTransaction(h ->
                    h.execute("INSERT INTO " + DB.table("key_limits") + " (queue, max_per_key, key_field) "
                            + "VALUES ('a', 1, 'conversation_id')")));
            await().atMost(Duration.ofSeconds(10)).until(() -> adding.isDone() || waitingOnLock("key-derivation-race"));
            removing.commit();
            assertThat(adding.get(10, TimeUnit.SECONDS)).isEqualTo(1);
        }
        assertThat(triggerOn()).as("rule 'a' names a field").isTrue();
        assertThat(keyOfNewJob("a")).isEqualTo("c-1");
    }

    @Test
    void aRuleChangeThatCannotTurnTheTriggerOnInTwoSecondsFailsWithWhatToDo() throws Exception {
        try (Handle writer = DB.db().jdbi().open()) {
            // a transaction that keeps writing the jobs table open
            writer.begin();
            jobs.enqueue(NewJob.of("busy", "k", "{}"));
            writer.execute("UPDATE " + DB.jobs() + " SET priority = 1 WHERE queue = 'busy'");
            assertThatThrownBy(() -> flow.setKeyRule("q", null, 1, true, "conversation_id", "test"))
                    .hasMessageContaining("could not switch the key derivation trigger of")
                    .hasMessageContaining("a long transaction is writing that table")
                    .hasMessageContaining("Try the key rule change again");
            writer.rollback();
        }
        assertThat(triggerOn()).isFalse();
        assertThat(flow.keyRules("q")).as("the rule was not stored").isEmpty();
        flow.setKeyRule("q", null, 1, true, "conversation_id", "test");
        assertThat(triggerOn()).isTrue();
    }

    private static boolean waitingOnLock(String applicationName) throws Exception {
        try (Connection c = DB.db().dataSource().getConnection(); Statement s = c.createStatement();
             var rs = s.executeQuery("SELECT count(*) FROM pg_stat_activity WHERE application_name = '"
                     + applicationName + "' AND wait_event_type = 'Lock'")) {
            rs.next();
            return rs.getInt(1) > 0;
        }
    }
}
