package io.jobfleet.ai;

import static io.jobfleet.ai.AiTesting.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.jobfleet.ai.config.AiSettings;
import io.jobfleet.db.JobRow;
import io.jobfleet.db.NewJob;
import io.jobfleet.llm.sim.testing.SimulatedLlm;
import io.jobfleet.testing.FamilyWorkers;
import io.jobfleet.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Without the quota tables (migration not applied) a job says what an operator must do, and calls no LLM. */
class MissingTablesTest {
    @RegisterExtension
    static final TestDatabase DB = new TestDatabase();

    @Test
    void aMissingSchemaIsRetryableAndNamesTheFix() {
        try (SimulatedLlm llm = new SimulatedLlm().start();
             FamilyWorkers workers = new FamilyWorkers(DB, () -> new AiFamily(AiSettings.defaults()), llm::client)
                     .withoutAppTables().start()) {
            long id = workers.enqueue(NewJob.of("ai", "ai.generate", "{\"user_id\": \"u1\", \"prompt\": \"Hi\"}")
                    .withMaxAttempts(2));

            JobRow row = workers.awaitFinished(id);

            assertThat(row.status()).isEqualTo("failed");
            assertThat(row.attempts()).as("retried: an operator may create the tables meanwhile").isEqualTo(2);
            assertThat(row.lastError()).isEqualTo("The AI usage tables or functions are missing or outdated in schema "
                    + DB.config().appSchema() + "; an operator must create them (./jobfleet ai check says what is missing). Gave up after 2 attempts.");
            assertThat(json(row.errors()).get(0).get("class").asText()).isEqualTo("ai_schema_missing");
            assertThat(llm.requests()).isZero();
        }
    }
}
