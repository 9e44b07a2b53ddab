package io.jobfleet.messages.flow;

import static org.assertj.core.api.Assertions.assertThat;

import io.jobfleet.db.JobRow;
import io.jobfleet.llm.sim.testing.SimulatedLlm;
import io.jobfleet.messages.MessageJobs;
import io.jobfleet.messages.MessageRows;
import io.jobfleet.messages.MessagesSettings;
import io.jobfleet.messages.sim.ProviderSimConfig;
import io.jobfleet.messages.sim.ProviderSimulator;
import io.jobfleet.testing.FamilyWorkers;
import io.jobfleet.testing.TestDatabase;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Poison incoming rows (no conversation, no sender, empty text, an id that does not exist, an id
 * that is not one, a job enqueued for another conversation) fail at once with a readable error on the job and the row, and the rest of
 * their conversation goes on: an ordered key is not blocked by a failed job.
 */
class PoisonRowsTest {
    @RegisterExtension
    static final TestDatabase DB = new TestDatabase();
    @RegisterExtension
    static final SimulatedLlm LLM = SimulatedLlm.withDefaultClient();

    @Test
    void poisonRowsFailAtOnceAndTheirConversationGoesOn() {
        MessageRows rows = new MessageRows(DB).migrate();
        long first = rows.incoming("p1", "+1555", "#p1 first question");
        long empty = rows.incoming("p1", "+1555", "   ");
        long noSender = rows.incoming("p1", null, "who am I?");
        long last = rows.incoming("p1", "+1555", "second question");
        long noConversation = rows.incoming(null, "+1666", "hello?");
        long elsewhere = rows.incoming("p2", "+1777", "mine is p2");

        try (ProviderSimulator provider = new ProviderSimulator(ProviderSimConfig.ephemeral()).start();
             FamilyWorkers workers = MessageJobs.workers(DB, LLM, MessagesSettings.http(provider.messagesUrl(), true)).start()) {
            long j1 = workers.enqueue(MessageJobs.reply(first, "p1"));
            long j2 = workers.enqueue(MessageJobs.reply(empty, "p1"));
            long j3 = workers.enqueue(MessageJobs.reply(noSender, "p1"));
            long j4 = workers.enqueue(MessageJobs.reply(last, "p1"));
            long j5 = workers.enqueue(MessageJobs.reply(noConversation, null));
            long j6 = workers.enqueue(MessageJobs.reply(987654, "p1"));
            long j7 = workers.enqueue(MessageJobs.reply("{\"incoming_id\": \"not-a-number\", \"conversation_id\": \"p1\"}"));
            long j8 = workers.enqueue(MessageJobs.reply(elsewhere, "p1"));

            Map<Long, String> failures = Map.of(
                    j2, "Incoming message " + empty + " is empty; there is nothing to answer.",
                    j3, "Incoming message " + noSender + " has no sender to answer to.",
                    j5, "Incoming message " + noConversation + " has no conversation; it cannot be answered.",
                    j6, "Incoming message 987654 does not exist; it may have been deleted.",
                    j7, "payload field 'incoming_id' must be a positive integer (got 'not-a-number')",
                    j8, "Incoming message " + elsewhere + " belongs to another conversation than the job was enqueued "
                            + "for; enqueue it with the message's own conversation_id.");
            failures.forEach((job, message) -> {
                JobRow row = workers.awaitFinished(job);
                assertThat(row.status()).isEqualTo("failed");
                assertThat(row.attempts()).as("failed at once").isEqualTo(1);
                assertThat(row.lastError()).isEqualTo(message);
            });
            for (long job : List.of(j1, j4)) {
                assertThat(workers.awaitFinished(job).status()).isEqualTo("completed");
            }
            workers.jobs().all().stream().filter(j -> j.kind().equals("message.send"))
                    .forEach(j -> assertThat(workers.awaitFinished(j.id()).status()).isEqualTo("completed"));
        }

        assertThat(rows.incomingRow(empty)).containsEntry("status", "FAILED")
                .containsEntry("error", "Incoming message " + empty + " is empty; there is nothing to answer.");
        assertThat(rows.incomingRow(noSender)).containsEntry("status", "FAILED");
        assertThat(rows.incomingRow(noConversation)).containsEntry("status", "FAILED");
        assertThat(rows.incomingRow(elsewhere)).containsEntry("status", "FAILED");
        assertThat(rows.incomingRow(last)).containsEntry("status", "REPLIED");
        List<Map<String, Object>> replies = rows.outgoingOf("p1");
        assertThat(replies).extracting(r -> r.get("in_reply_to")).containsExactly(first, last);
        assertThat((String) replies.get(1).get("body")).as("the failed rows are history too, the reply still comes")
                .contains("second question").contains("#p1");
    }
}
