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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A conversation end to end on one worker: each incoming message gets a reply composed from its
 * own conversation only, written with its send job in the reply's completion (an outbox), sent
 * once with its idempotency key and stored with the provider's id.
 */
class MessageFlowTest {
    @RegisterExtension
    static final TestDatabase DB = new TestDatabase();
    @RegisterExtension
    static final SimulatedLlm LLM = SimulatedLlm.withDefaultClient();

    private ProviderSimulator provider;
    private MessageRows rows;

    @BeforeEach
    void setUp() {
        DB.truncateJobs();
        rows = new MessageRows(DB).migrate();
        provider = new ProviderSimulator(ProviderSimConfig.ephemeral()).start();
    }

    @AfterEach
    void tearDown() {
        provider.close();
    }

    @Test
    void eachMessageIsAnsweredFromItsOwnConversationAndSentOnce() {
        long a1 = rows.incoming("alpha", "+15550000001", "#alpha Hello, I need help with my order");
        long b1 = rows.incoming("beta", "+15550000002", "#beta Where is my parcel?");
        long a2 = rows.incoming("alpha", "+15550000001", "It has not arrived yet");
        long a3 = rows.incoming("alpha", "+15550000001", "Can you check again?");

        try (FamilyWorkers workers = MessageJobs.workers(DB, LLM, MessagesSettings.http(provider.messagesUrl(), true)).start()) {
            for (long id : List.of(a1, b1, a2, a3)) {
                JobRow reply = workers.awaitFinished(workers.enqueue(MessageJobs.reply(id)));
                assertThat(reply.status()).as(reply.lastError()).isEqualTo("completed");
                assertThat(rows.incomingRow(id)).containsEntry("status", "REPLIED").containsEntry("attempts", 1);
            }
            workers.jobs().all().stream().filter(j -> j.kind().equals("message.send"))
                    .forEach(j -> assertThat(workers.awaitFinished(j.id()).status()).isEqualTo("completed"));
            assertThat(workers.jobs().all()).hasSize(8).allSatisfy(j -> assertThat(j.progress())
                    .as("each job's last progress").contains(j.kind().equals("message.send") ? "\"sent\"" : "\"replied\""));
        }

        List<Map<String, Object>> alpha = rows.outgoingOf("alpha");
        assertThat(alpha).hasSize(3).allSatisfy(r -> {
            assertThat(r.get("status")).isEqualTo("SENT");
            assertThat(r.get("recipient")).isEqualTo("+15550000001");
            assertThat((String) r.get("provider_message_id")).startsWith("SM");
            assertThat((String) r.get("body")).contains("#alpha").doesNotContain("#beta");
        });
        assertThat(alpha).extracting(r -> r.get("in_reply_to")).containsExactly(a1, a2, a3);
        assertThat((String) alpha.get(0).get("body")).doesNotContain("earlier message");
        assertThat((String) alpha.get(2).get("body")).contains("Can you check again?").contains("2 earlier messages");
        assertThat(rows.outgoingOf("beta")).singleElement().satisfies(r ->
                assertThat((String) r.get("body")).contains("#beta").doesNotContain("#alpha"));

        assertThat(provider.deliveries().delivered()).hasSize(4);
        assertThat(provider.deliveries().perKey().values()).containsOnly(1);
        assertThat(provider.deliveries().perKey().keySet())
                .containsExactlyInAnyOrderElementsOf(rows.allOutgoing().stream().map(r -> (String) r.get("idempotency_key")).toList());
        assertThat(provider.deliveries().leaks()).isEmpty();
        assertThat(provider.deliveries().delivered().stream().filter(d -> d.conversationId().equals("alpha"))
                .map(d -> d.body()).toList()).containsExactly((String) alpha.get(0).get("body"),
                (String) alpha.get(1).get("body"), (String) alpha.get(2).get("body"));
    }

    @Test
    void camelCaseRepliesOfOneConversationRunOneAtATimeInOrder() {
        List<Long> incoming = List.of(rows.incoming("delta", "+15550000004", "#delta first"),
                rows.incoming("delta", "+15550000004", "second"), rows.incoming("delta", "+15550000004", "third"));
        FamilyWorkers workers = MessageJobs.workers(DB, LLM, MessagesSettings.http(provider.messagesUrl(), true));
        // all three wait before the worker starts, so nothing but the key keeps them apart
        List<Long> jobs = incoming.stream().map(id -> workers.enqueue(MessageJobs.reply(
                "{\"incomingId\": " + id + ", \"conversationId\": \"delta\"}"))).toList();
        List<JobRow> replies;
        try (FamilyWorkers started = workers.start()) {
            replies = jobs.stream().map(started::awaitFinished).toList();
        }
        assertThat(replies).allSatisfy(j -> assertThat(j.status()).as(j.lastError()).isEqualTo("completed"));
        List<String> keys = DB.db().jdbi().withHandle(h -> h.createQuery("SELECT concurrency_key FROM " + DB.jobs()
                + " WHERE id = ANY(:ids)").bind("ids", jobs.toArray(Long[]::new)).mapTo(String.class).list());
        assertThat(keys).containsExactly("delta", "delta", "delta");
        for (int i = 1; i < replies.size(); i++) {
            assertThat(replies.get(i).startedAt()).as("reply %d started after reply %d ended", i + 1, i)
                    .isAfterOrEqualTo(replies.get(i - 1).completedAt());
        }
        // each reply saw the messages and the replies before it
        assertThat(replies).extracting(JobRow::result).satisfiesExactly(
                r -> assertThat(r).contains("\"historyMessages\": 0"),
                r -> assertThat(r).contains("\"historyMessages\": 2"),
                r -> assertThat(r).contains("\"historyMessages\": 4"));
        assertThat(rows.outgoingOf("delta")).extracting(r -> r.get("in_reply_to")).containsExactlyElementsOf(incoming);
    }

    @Test
    void aSecondReplyJobForOneMessageWritesNothingMore() {
        long in = rows.incoming("gamma", "+15550000003", "#gamma hi");
        try (FamilyWorkers workers = MessageJobs.workers(DB, LLM, MessagesSettings.http(provider.messagesUrl(), true)).start()) {
            assertThat(workers.awaitFinished(workers.enqueue(MessageJobs.reply(in))).status()).isEqualTo("completed");
            JobRow again = workers.awaitFinished(workers.enqueue(MessageJobs.reply(in)));
            assertThat(again.status()).isEqualTo("completed");
            assertThat(again.result()).contains("\"already_replied\": true");
            workers.jobs().all().stream().filter(j -> j.kind().equals("message.send"))
                    .forEach(j -> workers.awaitFinished(j.id()));
        }
        assertThat(rows.outgoingOf("gamma")).hasSize(1);
        assertThat(provider.deliveries().delivered()).hasSize(1);
    }
}
