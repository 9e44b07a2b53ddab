package io.jobfleet.messages.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.jobfleet.messages.MessageRows;
import io.jobfleet.messages.MessagesFamily;
import io.jobfleet.testing.FamilyCli;
import io.jobfleet.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code diagnose} and {@code stats} show the messages tables' stuck, failed (24 h), UNCERTAIN and
 * duplicated counts; past a threshold diagnose exits 6 (for cron alerts).
 */
class MessagesDiagnoseTest {
    @RegisterExtension
    static final TestDatabase DB = new TestDatabase();

    @Test
    void messagesPastTheirThresholdsAreProblems() {
        MessageRows rows = new MessageRows(DB).migrate();
        DB.truncateJobs();
        FamilyCli.Result healthy = FamilyCli.run(new MessagesFamily(), DB.config(), "diagnose");
        assertThat(healthy.exit()).as(healthy.toString()).isZero();
        assertThat(healthy.out()).doesNotContain("messages_");

        long stuck = rows.incoming("d1", "+1", "hello");
        DB.db().jdbi().useHandle(h -> h.execute("UPDATE " + DB.app("incoming_messages")
                + " SET status = 'PROCESSING', updated_at = now() - interval '31 minutes' WHERE id = ?", stuck));
        rows.outgoing("d1", "+1", "maybe sent", "UNCERTAIN");
        for (int i = 0; i < 10; i++) {
            rows.outgoing("d2", "+2", "refused " + i, "FAILED");
        }
        FamilyCli.Result tenFailed = FamilyCli.run(new MessagesFamily(), DB.config(), "diagnose");
        assertThat(tenFailed.exit()).isEqualTo(6);
        assertThat(tenFailed.out()).contains("messages: 1 messages PROCESSING or SENDING for over 30 min")
                .contains("messages: 1 outgoing messages UNCERTAIN").contains("resolve ID --as-sent")
                .doesNotContain("FAILED in the last 24 h");

        rows.outgoing("d2", "+2", "refused again", "FAILED");
        FamilyCli.Result elevenFailed = FamilyCli.run(new MessagesFamily(), DB.config(), "diagnose", "--json");
        assertThat(elevenFailed.exit()).isEqualTo(6);
        assertThat(elevenFailed.out()).contains("messages_failed").contains("11 messages FAILED in the last 24 h (alert above 10)");

        FamilyCli.Result stats = FamilyCli.run(new MessagesFamily(), DB.config(), "stats");
        assertThat(stats.exit()).isZero();
        assertThat(stats.out()).contains("app tables").containsPattern("outgoing messages UNCERTAIN +1")
                .containsPattern("messages FAILED in the last 24 h +11  past the alert threshold 10");
        assertThat(FamilyCli.run(new MessagesFamily(), DB.config(), "stats", "--json").out())
                .contains("\"code\" : \"messages_uncertain\"");
    }
}
