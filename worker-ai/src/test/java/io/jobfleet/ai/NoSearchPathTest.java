package io.jobfleet.ai;

import static org.assertj.core.api.Assertions.assertThat;

import io.jobfleet.ai.config.AiSettings;
import io.jobfleet.db.Database;
import io.jobfleet.db.JobRow;
import io.jobfleet.engine.JobHandler;
import io.jobfleet.family.FamilyRuntime;
import io.jobfleet.llm.sim.testing.SimulatedLlm;
import io.jobfleet.testing.FamilyWorkers;
import io.jobfleet.testing.JobsTable;
import io.jobfleet.testing.TestDatabase;
import io.jobfleet.testing.TestWorkers;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The quota tables and functions in an app schema that is not on the connection's search_path:
 * the worker's sessions see {@code public} only, and still reserve, complete and settle in the
 * app schema, because every name comes schema-qualified from the mapping.
 */
class NoSearchPathTest {
    @RegisterExtension
    static final TestDatabase DB = new TestDatabase();

    @Test
    void jobsCompleteAndTheLedgerIsWrittenInTheAppSchema() {
        FamilyWorkers.migrateAppTables(DB, new AiFamily(AiSettings.defaults()));
        String app = DB.config().appSchema();
        JobsTable jobs = new JobsTable(DB);
        try (Database publicOnly = Database.open(DB.config().withSchema(DB.config().schema(), "public"), "public-only");
             SimulatedLlm llm = new SimulatedLlm().start();
             TestWorkers workers = new TestWorkers()) {
            publicOnly.jdbi().useHandle(h -> {
                assertThat(h.createQuery("SELECT current_setting('search_path')").mapTo(String.class).one())
                        .doesNotContain(app);
                assertThat(h.createQuery("SELECT to_regclass('ai_usage_ledger')::text").mapTo(String.class).one())
                        .as("the ledger is not reachable unqualified").isNull();
            });
            FamilyRuntime runtime = new FamilyRuntime(publicOnly, new SimpleMeterRegistry(), "test", llm.client(),
                    AiMapping.SPEC.defaults(app));
            workers.start(publicOnly, TestWorkers.config("ai"),
                    new AiFamily(new AiSettings(2_000)).handlers(runtime).toArray(JobHandler<?>[]::new));

            JobRow done = jobs.awaitFinished(jobs.enqueue("ai", "ai.generate", "{\"userId\": \"u-1\", \"prompt\": \"Hi\"}"));
            JobRow refused = jobs.awaitFinished(jobs.enqueue("ai", "ai.generate",
                    "{\"user_id\": \"u-1\", \"prompt\": \"Hi\", \"max_tokens\": 4096}"));

            assertThat(done.status()).as(done.lastError()).isEqualTo("completed");
            assertThat(AiTesting.ledgerRows(DB, done.id())).as("settled in " + app).isEqualTo(1);
            long charged = AiTesting.chargedTokens(DB, done.id());
            assertThat(charged).isPositive();
            assertThat(refused.status()).as("ai_remaining_tokens in " + app + " counted the budget").isEqualTo("failed");
            assertThat(AiTesting.json(refused.errors()).get(0).get("class").asText()).isEqualTo("quota_exceeded");
        }
    }
}
