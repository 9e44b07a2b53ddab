package io.jobfleet.ai;

import static io.jobfleet.ai.AiTesting.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.jobfleet.ai.config.AiSettings;
import io.jobfleet.db.JobRow;
import io.jobfleet.db.NewJob;
import io.jobfleet.llm.sim.testing.SimulatedLlm;
import io.jobfleet.testing.FamilyWorkers;
import io.jobfleet.testing.TestClock;
import io.jobfleet.testing.TestDatabase;
import java.time.Duration;
import java.time.OffsetDateTime;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Typed LLM errors as the app sees them: permanent ones fail at once with a readable
 * {@code last_error}, transient ones are retried with the engine's backoff (Retry-After as a floor).
 */
class LlmErrorsTest {
    @RegisterExtension
    @Order(1)
    static final TestDatabase DB = new TestDatabase();
    @RegisterExtension
    @Order(2)
    static final SimulatedLlm LLM = new SimulatedLlm();
    /** The workers' clock: a snooze's Retry-After passes when a test moves it. */
    static final TestClock CLOCK = new TestClock();
    @RegisterExtension
    @Order(3)
    static final FamilyWorkers WORKERS = new FamilyWorkers(DB, () -> new AiFamily(AiSettings.defaults()), LLM::client)
            .withClock(CLOCK);

    @Test
    void aRejectedKeyFailsAtOnceWithAReadableMessage() {
        long id = WORKERS.enqueue("ai.generate", """
                {"user_id": "u1", "prompt": "Hello [sim:error=401]"}""");
        JobRow row = WORKERS.awaitFinished(id);

        assertThat(row.status()).isEqualTo("failed");
        assertThat(row.attempts()).isEqualTo(1);
        assertThat(row.lastError()).isEqualTo("The AI service rejected the worker's credentials (HTTP 401); "
                + "an operator must fix the LLM API key.");
        assertThat(json(row.errors()).get(0).get("class").asText()).isEqualTo("auth");
        assertThat(AiTesting.ledgerRows(DB, id)).isZero();
    }

    @Test
    void aTooLongInputFailsAtOnce() {
        long id = WORKERS.enqueue("ai.generate", """
                {"user_id": "u1", "prompt": "A whole book [sim:error=context_length]"}""");
        JobRow row = WORKERS.awaitFinished(id);

        assertThat(row.status()).isEqualTo("failed");
        assertThat(row.attempts()).isEqualTo(1);
        assertThat(row.lastError()).startsWith("The input is too long for the AI model");
        assertThat(json(row.errors()).get(0).get("class").asText()).isEqualTo("context_too_long");
    }

    @Test
    void anOverloadedServiceIsRetriedUntilTheJobCompletes() {
        long id = WORKERS.enqueue("ai.generate", """
                {"user_id": "u2", "prompt": "Try again later [sim:fail-first=2]"}""");
        JobRow row = WORKERS.awaitFinished(id);

        assertThat(row.status()).isEqualTo("completed");
        assertThat(row.attempts()).isEqualTo(3);
        JsonNode errors = json(row.errors());
        assertThat(errors).hasSize(2);
        errors.forEach(e -> assertThat(e.get("class").asText()).isEqualTo("overloaded"));
        assertThat(errors.get(0).get("message").asText())
                .isEqualTo("The AI service is overloaded or failing (HTTP 503).");
        assertThat(AiTesting.ledgerRows(DB, id)).as("only the successful attempt counts").isOne();
    }

    @Test
    void aRateLimitSnoozesTheJobNoSoonerThanRetryAfterWithoutSpendingAttempts() {
        // the app's own INSERT, with a small snooze cap so that the endless 429s end the job soon
        long id = DB.db().jdbi().withHandle(h -> h.createQuery("INSERT INTO " + DB.jobs()
                        + " (queue, kind, payload, max_attempts, max_snoozes) VALUES ('ai', 'ai.generate', "
                        + "CAST(:payload AS jsonb), 2, 2) RETURNING id")
                .bind("payload", """
                        {"user_id": "u3", "prompt": "Busy [sim:error=429]"}""").mapTo(Long.class).one());
        for (int snoozes = 1; snoozes <= 2; snoozes++) {
            int n = snoozes;
            await().atMost(Duration.ofSeconds(20)).until(() -> json(WORKERS.jobs().get(id).errors()).size() >= n);
            CLOCK.advance(Duration.ofSeconds(1)); // the Retry-After, on the workers' clock
        }
        JobRow row = WORKERS.awaitFinished(id);

        assertThat(row.status()).isEqualTo("failed");
        assertThat(row.attempts()).as("snoozes give their attempts back").isEqualTo(1);
        assertThat(row.lastError()).isEqualTo("snoozed 2 times, the limit; last reason: "
                + "The AI service is rate limiting requests (it asked to wait 1 s).");
        JsonNode first = json(row.errors()).get(0);
        assertThat(first.get("class").asText()).isEqualTo("snoozed");
        Duration delay = Duration.between(OffsetDateTime.parse(first.get("at").asText()),
                OffsetDateTime.parse(first.get("retry_at").asText()));
        assertThat(delay).as("Retry-After: 1 is the snooze").isGreaterThanOrEqualTo(Duration.ofSeconds(1));
        assertThat(AiTesting.ledgerRows(DB, id)).isZero();
    }
}
