package io.jobfleet.ai;

import static io.jobfleet.ai.AiTesting.budget;
import static io.jobfleet.ai.AiTesting.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.jobfleet.ai.config.AiSettings;
import io.jobfleet.db.JobRow;
import io.jobfleet.llm.sim.testing.SimulatedLlm;
import io.jobfleet.testing.FamilyWorkers;
import io.jobfleet.testing.TestDatabase;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Twenty jobs of one user run at once on a worker with 24 slots, with a budget for exactly one
 * call: the reservation under the user's lock lets exactly one reach the LLM (its answer takes
 * 500 ms, so the others are all claimed while it runs); the rest fail with the quota message.
 * Another user's job beside them completes.
 */
class QuotaRaceTest {
    @RegisterExtension
    static final TestDatabase DB = new TestDatabase();
    private static final int RACERS = 20;
    private static final String PROMPT = "Name three job queues. [sim:delay=500]";
    private static final int MAX_TOKENS = 50;
    /** CallPlan's estimate: a third of the characters, 8 per message, plus max_tokens. */
    private static final long ONE_CALL = (PROMPT.length() + 2) / 3 + 8 + MAX_TOKENS;

    @Test
    void exactlyOneOfTwentyConcurrentJobsSpendsABudgetForOneCall() {
        AiFamily family = new AiFamily(new AiSettings(0));
        FamilyWorkers.migrateAppTables(DB, family);
        budget(DB, "racer", ONE_CALL);
        String payload = "{\"user_id\": \"%s\", \"prompt\": \"" + PROMPT + "\", \"max_tokens\": " + MAX_TOKENS + "}";

        try (SimulatedLlm llm = new SimulatedLlm().start();
             FamilyWorkers workers = new FamilyWorkers(DB, () -> family, llm::client)
                     .withEngine(c -> c.toBuilder().concurrency(24).build())) {
            List<Long> racers = new ArrayList<>();
            for (int i = 0; i < RACERS; i++) {
                racers.add(workers.enqueue("ai.generate", payload.formatted("racer")));
            }
            long bystander = workers.enqueue("ai.generate", payload.formatted("bystander"));
            workers.start();

            List<JobRow> rows = racers.stream().map(workers::awaitFinished).toList();
            JobRow other = workers.awaitFinished(bystander);

            assertThat(rows).filteredOn(r -> r.status().equals("completed")).hasSize(1);
            List<JobRow> refused = rows.stream().filter(r -> r.status().equals("failed")).toList();
            assertThat(refused).hasSize(RACERS - 1).allSatisfy(r -> {
                assertThat(r.attempts()).isEqualTo(1);
                assertThat(r.lastError()).startsWith("Monthly AI token quota ");
                assertThat(json(r.errors()).get(0).get("class").asText()).isEqualTo("quota_exceeded");
            });
            assertThat(other.status()).isEqualTo("completed");
            assertThat(llm.requests()).as("the racer's one call and the bystander's").isEqualTo(2);
        }
        long used = DB.db().jdbi().withHandle(h -> h.createQuery("SELECT used_tokens FROM "
                + AiTesting.function(DB, "ai_token_quota") + "('racer')")
                .mapTo(Long.class).one());
        assertThat(used).isLessThanOrEqualTo(ONE_CALL);
    }
}
