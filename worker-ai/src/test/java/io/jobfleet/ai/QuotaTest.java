package io.jobfleet.ai;

import static io.jobfleet.ai.AiTesting.budget;
import static io.jobfleet.ai.AiTesting.json;
import static io.jobfleet.ai.AiTesting.spent;
import static org.assertj.core.api.Assertions.assertThat;

import io.jobfleet.ai.config.AiSettings;
import io.jobfleet.db.JobRow;
import io.jobfleet.llm.sim.testing.SimulatedLlm;
import io.jobfleet.testing.FamilyWorkers;
import io.jobfleet.testing.TestDatabase;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A spent monthly budget, or one too small for the call's reservation (prompt estimate plus
 * {@code max_tokens}), fails the job on its first attempt with {@code quota_exceeded} and a
 * message for the user, without any request to the LLM. The worker's default limit is 500 tokens.
 */
class QuotaTest {
    @RegisterExtension
    @Order(1)
    static final TestDatabase DB = new TestDatabase();
    private static final long DEFAULT_LIMIT = 500;
    @RegisterExtension
    @Order(2)
    static final SimulatedLlm LLM = new SimulatedLlm();
    @RegisterExtension
    @Order(3)
    static final FamilyWorkers WORKERS =
            new FamilyWorkers(DB, () -> new AiFamily(new AiSettings(DEFAULT_LIMIT)), LLM::client);

    /** Runs one ai.generate job to its end. */
    private static JobRow generate(String payload) {
        return WORKERS.awaitFinished(WORKERS.enqueue("ai.generate", payload));
    }

    @Test
    void aSpentBudgetFailsOnceWithoutCallingTheLlm() {
        budget(DB, "capped", 1000L);
        spent(DB, "capped", 400, Instant.now());
        spent(DB, "capped", 600, Instant.now());
        long before = LLM.requests();

        JobRow row = generate("{\"user_id\": \"capped\", \"prompt\": \"Hi\"}");

        assertThat(row.status()).isEqualTo("failed");
        assertThat(row.attempts()).isEqualTo(1);
        assertThat(row.lastError()).isEqualTo("Monthly AI token quota used up: 1000 of 1000 tokens this month. "
                + "It resets on " + firstOfNextMonth() + ".");
        assertThat(json(row.errors()).get(0).get("class").asText()).isEqualTo("quota_exceeded");
        assertThat(LLM.requests()).as("no request reached the LLM").isEqualTo(before);
    }

    @Test
    void usersWithoutBudgetRowGetTheWorkersDefault() {
        spent(DB, "newbie", 600, Instant.now());
        long before = LLM.requests();

        JobRow row = generate("{\"user_id\": \"newbie\", \"prompt\": \"Hi\"}");

        assertThat(row.status()).isEqualTo("failed");
        assertThat(row.lastError()).startsWith("Monthly AI token quota used up: 600 of 500 tokens this month.");
        assertThat(LLM.requests()).isEqualTo(before);
    }

    @Test
    void anUnlimitedBudgetRowBeatsTheDefault() {
        budget(DB, "vip", null);
        spent(DB, "vip", 1_000_000, Instant.now());

        JobRow row = generate("{\"user_id\": \"vip\", \"prompt\": \"Hi\"}");

        assertThat(row.status()).isEqualTo("completed");
    }

    @Test
    void aCallIsRefusedWhenItsReservationDoesNotFit() {
        budget(DB, "tiny", 100L);
        long before = LLM.requests();

        JobRow refused = generate("""
                {"user_id": "tiny", "prompt": "Write a paragraph.", "max_tokens": 200}""");

        assertThat(refused.status()).isEqualTo("failed");
        assertThat(refused.attempts()).isEqualTo(1);
        assertThat(refused.lastError()).isEqualTo("Monthly AI token quota too low for this call: it may use up to "
                + (6 + 8 + 200) + " tokens (prompt and max_tokens), 100 of 100 are left this month. Lower max_tokens "
                + "or shorten the prompt; the quota resets on " + firstOfNextMonth() + ".");
        assertThat(LLM.requests()).as("no request reached the LLM").isEqualTo(before);
        assertThat(remaining("tiny")).as("a refused call reserves nothing").isEqualTo(100);
    }

    @Test
    void aCompletedCallIsSettledToTheProvidersUsage() {
        budget(DB, "settled", 1000L);
        long id = WORKERS.enqueue("ai.generate", """
                {"user_id": "settled", "prompt": "Write a paragraph.", "max_tokens": 200}""");

        JobRow row = WORKERS.awaitFinished(id);

        assertThat(row.status()).isEqualTo("completed");
        int used = json(row.result()).get("usage").get("total_tokens").asInt();
        assertThat(used).isLessThan(6 + 8 + 200);
        assertThat(AiTesting.chargedTokens(DB, id)).as("the reservation gave way to the usage").isEqualTo(used);
        assertThat(remaining("settled")).isEqualTo(1000 - used);
    }

    private static long remaining(String user) {
        return DB.db().jdbi().withHandle(h -> h.createQuery("SELECT " + AiTesting.function(DB, "ai_remaining_tokens")
                + "(:user, :limit)")
                .bind("user", user).bind("limit", DEFAULT_LIMIT).mapTo(Long.class).one());
    }

    private static LocalDate firstOfNextMonth() {
        return DB.db().jdbi().withHandle(h -> h.createQuery(
                "SELECT (date_trunc('month', now() AT TIME ZONE 'UTC') + interval '1 month')::date")
                .mapTo(LocalDate.class).one());
    }
}
