package io.jobfleet.messages.flow;

import static org.assertj.core.api.Assertions.assertThat;

import io.jobfleet.db.JobRow;
import io.jobfleet.llm.sim.testing.SimulatedLlm;
import io.jobfleet.messages.MessageJobs;
import io.jobfleet.messages.MessageRows;
import io.jobfleet.messages.MessagesSettings;
import io.jobfleet.testing.FamilyWorkers;
import io.jobfleet.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Without the app's messages tables a job says what an operator must do, retryably, and never shows
 * the statement or its values (the error is copied to the app's row, which the app's users see).
 */
class MissingTablesTest {
    @RegisterExtension
    static final TestDatabase DB = new TestDatabase();
    @RegisterExtension
    static final SimulatedLlm LLM = SimulatedLlm.withDefaultClient();

    @Test
    void bothKindsNameTheFixWithoutTheStatement() {
        String expected = "The messages tables are missing or outdated in schema " + DB.config().appSchema()
                + "; an operator must create them (./jobfleet messages check says what is missing). Gave up after 2 attempts.";
        try (FamilyWorkers workers = MessageJobs.workers(DB, LLM, MessagesSettings.http("http://127.0.0.1:9/v1/messages", false))
                .withoutAppTables().start()) {
            JobRow reply = workers.awaitFinished(workers.enqueue(MessageJobs.reply(
                    "{\"incomingId\": 42, \"conversationId\": \"c-1\"}").withMaxAttempts(2)));
            JobRow send = workers.awaitFinished(workers.enqueue(MessageJobs.send(7).withMaxAttempts(2)));

            for (JobRow job : new JobRow[] {reply, send}) {
                assertThat(job.status()).isEqualTo("failed");
                assertThat(job.attempts()).as("retried: an operator may create the tables meanwhile").isEqualTo(2);
                assertThat(job.lastError()).isEqualTo(expected);
                assertThat(job.errors()).contains("messages_schema_missing").doesNotContain("SELECT")
                        .doesNotContain("arguments").doesNotContain("PSQLException");
            }
        }
        assertThat(LLM.requests()).isZero();
    }

    @Test
    void aMissingOutgoingTableIsCopiedReadablyToTheIncomingRow() {
        MessageRows rows = new MessageRows(DB).migrate();
        long in = rows.incoming("c-2", "+15550000009", "hello");
        DB.db().jdbi().useHandle(h -> h.execute("DROP TABLE " + DB.app("outgoing_messages")));
        try (FamilyWorkers workers = MessageJobs.workers(DB, LLM, MessagesSettings.http("http://127.0.0.1:9/v1/messages", false))
                .withoutAppTables().start()) {
            JobRow reply = workers.awaitFinished(workers.enqueue(MessageJobs.reply(in).withMaxAttempts(1)));
            assertThat(reply.status()).isEqualTo("failed");
            assertThat(reply.lastError()).startsWith("The messages tables are missing or outdated in schema "
                    + DB.config().appSchema() + ";");
            assertThat(rows.incomingRow(in)).containsEntry("status", "FAILED").containsEntry("error", reply.lastError());
        } finally {
            // the other test needs the app schema empty again
            DB.db().jdbi().useHandle(h -> h.execute("DROP SCHEMA \"" + DB.config().appSchema() + "\" CASCADE; "
                    + "CREATE SCHEMA \"" + DB.config().appSchema() + "\""));
        }
    }
}
