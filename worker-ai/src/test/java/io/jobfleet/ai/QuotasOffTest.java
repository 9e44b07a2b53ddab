package io.jobfleet.ai;

import static org.assertj.core.api.Assertions.assertThat;

import io.jobfleet.ai.config.AiSettings;
import io.jobfleet.db.JobRow;
import io.jobfleet.engine.JobHandler;
import io.jobfleet.family.FamilyRuntime;
import io.jobfleet.llm.sim.testing.SimulatedLlm;
import io.jobfleet.testing.JobsTable;
import io.jobfleet.testing.TestDatabase;
import io.jobfleet.testing.TestWorkers;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code --ai-quotas=off}: no quota tables exist, none are checked, and jobs complete without a ledger. */
class QuotasOffTest {
    @RegisterExtension
    static final TestDatabase DB = new TestDatabase();

    @Test
    void jobsCompleteWithoutTheQuotaTables() {
        AiSettings off = new AiSettings(500).withQuotas(false);
        assertThat(new AiFamily(off).appMapping()).as("nothing to check").isEmpty();
        assertThat(new AiFamily(AiSettings.defaults()).appMapping()).isPresent();
        JobsTable jobs = new JobsTable(DB);
        try (SimulatedLlm llm = new SimulatedLlm().start();
             TestWorkers workers = new TestWorkers()) {
            workers.start(DB.db(), TestWorkers.config("ai"), new AiFamily(off).handlers(new FamilyRuntime(DB.db(), new SimpleMeterRegistry(), "test", llm.client()))
                    .toArray(JobHandler<?>[]::new));
            JobRow row = jobs.awaitFinished(jobs.enqueue("ai", "ai.generate",
                    "{\"user_id\": \"u-1\", \"prompt\": \"Hi\", \"max_tokens\": 4096}"));
            assertThat(row.status()).as(row.lastError()).isEqualTo("completed");
            assertThat(llm.requests()).isEqualTo(1);
        }
        String ledger = DB.db().jdbi().withHandle(h -> h.createQuery("SELECT to_regclass(:t)::text")
                .bind("t", "\"" + DB.config().appSchema() + "\".ai_usage_ledger").mapTo(String.class).one());
        assertThat(ledger).as("no quota tables were needed").isNull();
    }
}
