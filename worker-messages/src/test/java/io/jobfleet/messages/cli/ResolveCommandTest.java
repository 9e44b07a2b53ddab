package io.jobfleet.messages.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.jobfleet.db.JobRow;
import io.jobfleet.llm.sim.testing.SimulatedLlm;
import io.jobfleet.messages.MessageJobs;
import io.jobfleet.messages.MessageRows;
import io.jobfleet.messages.MessagesFamily;
import io.jobfleet.messages.MessagesSettings;
import io.jobfleet.messages.sim.ProviderSimConfig;
import io.jobfleet.messages.sim.ProviderSimulator;
import io.jobfleet.testing.FamilyCli;
import io.jobfleet.testing.FamilyWorkers;
import io.jobfleet.testing.TestDatabase;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code worker-messages resolve ID --as-sent | --resend}: only UNCERTAIN messages, each at most once. */
class ResolveCommandTest {
    @RegisterExtension
    static final TestDatabase DB = new TestDatabase();
    @RegisterExtension
    static final SimulatedLlm LLM = SimulatedLlm.withDefaultClient();

    private static FamilyCli.Result resolve(String... args) {
        return FamilyCli.run(new MessagesFamily(), List.of(new ResolveCommand()), DB.config(),
                java.util.stream.Stream.concat(java.util.stream.Stream.of("resolve"), java.util.stream.Stream.of(args))
                        .toArray(String[]::new));
    }

    @Test
    void anUncertainMessageIsResolvedAsSentOnce() {
        MessageRows rows = new MessageRows(DB).migrate();
        long id = rows.outgoing("r1", "+1555", "hi", "UNCERTAIN");

        FamilyCli.Result r = resolve(Long.toString(id), "--as-sent", "--provider-id", "SM-checked");
        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.out()).contains("Outgoing message " + id + " marked SENT");
        assertThat(rows.outgoingRow(id)).containsEntry("status", "SENT").containsEntry("provider_message_id", "SM-checked");
        assertThat((String) rows.outgoingRow(id).get("error")).startsWith("resolved as sent by ");

        FamilyCli.Result again = resolve(Long.toString(id), "--resend");
        assertThat(again.exit()).isEqualTo(7);
        assertThat(again.err()).contains("Outgoing message " + id + " is SENT, not UNCERTAIN: nothing to resolve");

        long failed = rows.outgoing("r1", "+1555", "refused", "FAILED");
        FamilyCli.Result notUncertain = resolve(Long.toString(failed), "--resend");
        assertThat(notUncertain.exit()).isEqualTo(7);
        assertThat(notUncertain.err()).contains("is FAILED, not UNCERTAIN").contains("jobfleet retry");
        assertThat(rows.outgoingRow(failed)).containsEntry("status", "FAILED");

        assertThat(resolve("424242", "--as-sent").exit()).isEqualTo(3);
        FamilyCli.Result notAnId = resolve("abc", "--as-sent");
        assertThat(notAnId.exit()).as(notAnId.toString()).isEqualTo(2);
        assertThat(notAnId.err()).contains("ID must be a positive integer").contains("'abc'")
                .doesNotContain("database");
        assertThat(resolve("99999999999999999999", "--resend").exit()).as("out of range").isEqualTo(2);
        assertThat(resolve(Long.toString(id)).exit()).as("one decision is required").isEqualTo(2);
        assertThat(resolve(Long.toString(id), "--as-sent", "--resend").exit()).isEqualTo(2);
    }

    @Test
    void aResendSendsItAgainWithItsKeyOnce() {
        MessageRows rows = new MessageRows(DB).migrate();
        DB.truncateJobs();
        long id = rows.outgoing("r2", "+1555", "hi again", "UNCERTAIN");
        String key = (String) rows.outgoingRow(id).get("idempotency_key");

        assertThat(resolve(Long.toString(id), "--resend").exit()).isZero();
        assertThat(rows.outgoingRow(id)).containsEntry("status", "PENDING");
        assertThat(resolve(Long.toString(id), "--resend").exit()).as("at most once").isEqualTo(7);

        try (ProviderSimulator provider = new ProviderSimulator(ProviderSimConfig.ephemeral().withDeduplicates(false)).start();
             FamilyWorkers workers = MessageJobs.workers(DB, LLM, MessagesSettings.http(provider.messagesUrl(), false)).start()) {
            List<JobRow> jobs = workers.jobs().all();
            assertThat(jobs).singleElement().satisfies(j -> {
                assertThat(j.kind()).isEqualTo("message.send");
                assertThat(workers.awaitFinished(j.id()).status()).isEqualTo("completed");
            });
            assertThat(provider.deliveries().perKey()).containsExactly(java.util.Map.entry(key, 1));
        }
        assertThat(rows.outgoingRow(id)).containsEntry("status", "SENT");
    }
}
