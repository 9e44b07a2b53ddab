package io.jobfleet.messages.flow;

import static org.assertj.core.api.Assertions.assertThat;

import io.jobfleet.db.JobRow;
import io.jobfleet.llm.sim.testing.SimulatedLlm;
import io.jobfleet.messages.MessageJobs;
import io.jobfleet.messages.MessageRows;
import io.jobfleet.messages.MessagesSettings;
import io.jobfleet.messages.provider.HttpJsonProvider;
import io.jobfleet.messages.provider.MessageProvider;
import io.jobfleet.messages.sim.ProviderSimConfig;
import io.jobfleet.messages.sim.ProviderSimulator;
import io.jobfleet.config.Secret;
import io.jobfleet.llm.Cancellation;
import io.jobfleet.testing.FamilyWorkers;
import io.jobfleet.testing.TestDatabase;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The outgoing message's states through {@code message.send}: PENDING -> SENDING -> SENT; back to
 * PENDING when the provider surely did not take it (5xx, 429); FAILED when it refuses; a SENDING
 * message met again (its worker was cut off mid-call) is re-sent with its key to a de-duplicating
 * provider and becomes UNCERTAIN otherwise, as does a call that times out after the request was written.
 */
class SendStatesTest {
    @RegisterExtension
    static final TestDatabase DB = new TestDatabase();
    @RegisterExtension
    static final SimulatedLlm LLM = SimulatedLlm.withDefaultClient();
    @StartStop
    final MockWebServer server = new MockWebServer();

    private MessageRows rows;

    @BeforeEach
    void setUp() {
        DB.truncateJobs();
        rows = new MessageRows(DB).migrate();
    }

    private FamilyWorkers workers(boolean dedup) {
        return MessageJobs.workers(DB, LLM, MessagesSettings.http(server.url("/v1/messages").toString(), dedup)
                .withSendTimeout(Duration.ofMillis(700))).start();
    }

    private JobRow send(FamilyWorkers workers, long id) {
        return workers.awaitFinished(workers.enqueue(MessageJobs.send(id)));
    }

    @Test
    void aProviderOutageIsRetriedAndTheMessageSentOnce() throws Exception {
        long id = rows.outgoing("c1", "+1555", "hello", "PENDING");
        server.enqueue(new MockResponse.Builder().code(503).body("{\"error\":\"maintenance\"}").build());
        server.enqueue(new MockResponse.Builder().code(200).body("{\"id\":\"p-1\"}").build());
        try (FamilyWorkers workers = workers(false)) {
            JobRow job = send(workers, id);
            assertThat(job.status()).isEqualTo("completed");
            assertThat(job.attempts()).isEqualTo(2);
            assertThat(job.errors()).contains("provider_unavailable");
        }
        Map<String, Object> row = rows.outgoingRow(id);
        assertThat(row).containsEntry("status", "SENT").containsEntry("provider_message_id", "p-1")
                .containsEntry("attempts", 2).containsEntry("error", null);
        String key = (String) row.get("idempotency_key");
        assertThat(server.takeRequest().getHeaders().get("Idempotency-Key")).isEqualTo(key);
        assertThat(server.takeRequest().getHeaders().get("Idempotency-Key")).as("the key never changes").isEqualTo(key);
    }

    @Test
    void aRateLimitSnoozesWithoutSpendingAnAttempt() {
        long id = rows.outgoing("c1", "+1555", "hello", "PENDING");
        server.enqueue(new MockResponse.Builder().code(429).addHeader("Retry-After", "1").body("{}").build());
        server.enqueue(new MockResponse.Builder().code(200).body("{\"id\":\"p-2\"}").build());
        try (FamilyWorkers workers = workers(false)) {
            JobRow job = send(workers, id);
            assertThat(job.status()).isEqualTo("completed");
            assertThat(job.attempts()).as("a snooze gives its attempt back").isEqualTo(1);
            assertThat(job.errors()).contains("snoozed").contains("429");
        }
        assertThat(rows.outgoingRow(id)).containsEntry("status", "SENT").containsEntry("provider_message_id", "p-2");
    }

    @Test
    void aRateLimitWithoutRetryAfterWaitsLongerEachTime() throws Exception {
        long id = rows.outgoing("c1", "+1555", "hello", "PENDING");
        for (int i = 0; i < 3; i++) {
            server.enqueue(new MockResponse.Builder().code(429).body("{}").build());
        }
        server.enqueue(new MockResponse.Builder().code(200).body("{\"id\":\"p-3\"}").build());
        try (FamilyWorkers workers = workers(false)) {
            JobRow job = send(workers, id);
            assertThat(job.status()).isEqualTo("completed");
            assertThat(job.attempts()).isEqualTo(1);
            JsonNode errors = new ObjectMapper().readTree(job.errors());
            assertThat(errors).hasSize(3);
            for (int i = 0; i < 3; i++) {
                Duration waited = Duration.between(OffsetDateTime.parse(errors.get(i).get("at").asText()),
                        OffsetDateTime.parse(errors.get(i).get("retry_at").asText()));
                // 1 s, 2 s, 4 s: doubling up to a minute, so the job's 20 snoozes last about a quarter of an hour
                assertThat(waited).as("snooze %d of %s", i + 1, errors).isBetween(Duration.ofMillis(900L << i), Duration.ofMillis(1100L << i));
            }
        }
        assertThat(rows.outgoingRow(id)).containsEntry("status", "SENT").containsEntry("provider_message_id", "p-3");
    }

    @Test
    void theFleetWideSendRateSnoozesSendsPastIt() {
        DB.db().admin().flow().setRateLimit("test-sends", 1, 2, 1, "test");
        long first = rows.outgoing("c1", "+1555", "one", "PENDING");
        long second = rows.outgoing("c2", "+1556", "two", "PENDING");
        server.enqueue(new MockResponse.Builder().code(200).body("{\"id\":\"p-a\"}").build());
        server.enqueue(new MockResponse.Builder().code(200).body("{\"id\":\"p-b\"}").build());
        try (FamilyWorkers workers = MessageJobs.workers(DB, LLM, MessagesSettings.http(server.url("/v1/messages")
                .toString(), true).withRateLimit("test-sends")).start()) {
            JobRow a = workers.awaitFinished(workers.enqueue(MessageJobs.send(first)));
            JobRow b = workers.awaitFinished(workers.enqueue(MessageJobs.send(second)));
            assertThat(a.status()).isEqualTo("completed");
            assertThat(b.status()).isEqualTo("completed");
            assertThat(b.attempts()).as("waiting for a permit spends no attempt").isEqualTo(1);
            assertThat(b.errors()).contains("rate limit test-sends");
            assertThat(java.time.Duration.between(a.completedAt(), b.completedAt())).isGreaterThan(Duration.ofMillis(1500));
        } finally {
            DB.db().admin().flow().clearRateLimit("test-sends");
        }
        assertThat(rows.outgoingRow(second)).containsEntry("status", "SENT");
    }

    @Test
    void aRefusedMessageFailsAtOnceWithTheProvidersReason() {
        long id = rows.outgoing("c1", "+1555", "hello", "PENDING");
        server.enqueue(new MockResponse.Builder().code(422).body("{\"error\":{\"message\":\"recipient opted out\"}}").build());
        try (FamilyWorkers workers = workers(true)) {
            JobRow job = send(workers, id);
            assertThat(job.status()).isEqualTo("failed");
            assertThat(job.attempts()).isEqualTo(1);
            assertThat(job.lastError()).contains("Outgoing message " + id).contains("422: recipient opted out");
        }
        assertThat(rows.outgoingRow(id)).containsEntry("status", "FAILED");
        assertThat((String) rows.outgoingRow(id).get("error")).contains("recipient opted out");
    }

    @Test
    void aFailedMessageIsSentWhenItsJobIsRetried() throws Exception {
        long id = rows.outgoing("c1", "+1555", "hello", "PENDING");
        server.enqueue(new MockResponse.Builder().code(422).body("{\"error\":{\"message\":\"recipient opted out\"}}").build());
        server.enqueue(new MockResponse.Builder().code(200).body("{\"id\":\"p-again\"}").build());
        try (FamilyWorkers workers = workers(false)) {
            long job = workers.enqueue(MessageJobs.send(id));
            assertThat(workers.awaitFinished(job).status()).isEqualTo("failed");
            assertThat(rows.outgoingRow(id)).containsEntry("status", "FAILED");

            // the person opted in again; the operator retries the job, as diagnose advises
            assertThat(DB.db().admin().retry().retry(job).retried()).isTrue();
            JobRow again = workers.awaitFinished(job);
            assertThat(again.status()).as(again.lastError()).isEqualTo("completed");
            assertThat(again.result()).contains("\"status\": \"SENT\"").contains("p-again");
        }
        assertThat(rows.outgoingRow(id)).containsEntry("status", "SENT").containsEntry("provider_message_id", "p-again")
                .containsEntry("error", null);
        String key = (String) rows.outgoingRow(id).get("idempotency_key");
        assertThat(server.takeRequest().getHeaders().get("Idempotency-Key")).isEqualTo(key);
        assertThat(server.takeRequest().getHeaders().get("Idempotency-Key")).as("the same key").isEqualTo(key);
    }

    @Test
    void aCallThatTimesOutAfterTheRequestWasWrittenIsNeverRepeatedWithoutDeduplication() throws Exception {
        long id = rows.outgoing("c1", "+1555", "hello", "PENDING");
        server.enqueue(new MockResponse.Builder().code(200).headersDelay(3, TimeUnit.SECONDS).body("{\"id\":\"late\"}").build());
        try (FamilyWorkers workers = workers(false)) {
            JobRow job = send(workers, id);
            assertThat(job.status()).isEqualTo("failed");
            assertThat(job.attempts()).isEqualTo(1);
            assertThat(job.lastError()).contains("may have been delivered").contains("did not answer in time")
                    .contains("resolve " + id + " --as-sent");
        }
        assertThat(rows.outgoingRow(id)).containsEntry("status", "UNCERTAIN").containsEntry("provider_message_id", null);
        assertThat(server.getRequestCount()).as("sent once, never again").isEqualTo(1);
    }

    @Test
    void aCallThatTimesOutIsRepeatedWithItsKeyWhenTheProviderDeduplicates() {
        long id = rows.outgoing("c1", "+1555", "hello", "PENDING");
        server.enqueue(new MockResponse.Builder().code(200).headersDelay(3, TimeUnit.SECONDS).body("{\"id\":\"late\"}").build());
        server.enqueue(new MockResponse.Builder().code(200).addHeader("Idempotent-Replayed", "true").body("{\"id\":\"p-3\"}").build());
        try (FamilyWorkers workers = workers(true)) {
            JobRow job = send(workers, id);
            assertThat(job.status()).isEqualTo("completed");
            assertThat(job.attempts()).isEqualTo(2);
            assertThat(job.errors()).contains("unknown_outcome");
        }
        assertThat(rows.outgoingRow(id)).containsEntry("status", "SENT").containsEntry("provider_message_id", "p-3");
    }

    @Test
    void aSendingMessageMetAgainIsResentWithItsKeyOnlyToADeduplicatingProvider() throws Exception {
        try (ProviderSimulator sim = new ProviderSimulator(ProviderSimConfig.ephemeral()).start()) {
            long id = rows.outgoing("c1", "+1555", "hello #c1", "SENDING");
            String key = (String) rows.outgoingRow(id).get("idempotency_key");
            // the worker that set SENDING reached the provider, then died before it could write SENT
            String first = new HttpJsonProvider(sim.messagesUrl(), Secret.empty(), true, Duration.ofSeconds(5))
                    .send(new MessageProvider.Outgoing(Long.toString(id), "c1", "+1555", "hello #c1", key), Cancellation.NONE);
            try (FamilyWorkers workers = MessageJobs.workers(DB, LLM, MessagesSettings.http(sim.messagesUrl(), true)).start()) {
                assertThat(send(workers, id).status()).isEqualTo("completed");
            }
            assertThat(rows.outgoingRow(id)).containsEntry("status", "SENT").containsEntry("provider_message_id", first);
            assertThat(sim.deliveries().perKey()).containsExactly(Map.entry(key, 1));
            assertThat(sim.deliveries().replays()).isEqualTo(1);
        }

        long other = rows.outgoing("c2", "+1556", "hi", "SENDING");
        try (FamilyWorkers workers = workers(false)) {
            JobRow job = send(workers, other);
            assertThat(job.status()).isEqualTo("failed");
            assertThat(job.attempts()).isEqualTo(1);
            assertThat(job.lastError()).contains("an earlier attempt was cut off during its call to the provider")
                    .contains("UNCERTAIN");
        }
        assertThat(rows.outgoingRow(other)).containsEntry("status", "UNCERTAIN");
        assertThat(server.getRequestCount()).as("not sent blindly again").isZero();
    }

    @Test
    void finishedMessagesAreNotSentAgain() {
        long sent = rows.outgoing("c1", "+1555", "a", "SENT");
        long uncertain = rows.outgoing("c1", "+1555", "b", "UNCERTAIN");
        try (FamilyWorkers workers = workers(true)) {
            assertThat(send(workers, sent).result()).contains("already sent");
            assertThat(send(workers, uncertain).result()).contains("already uncertain");
            JobRow missing = send(workers, 987654);
            assertThat(missing.status()).isEqualTo("failed");
            assertThat(missing.lastError()).isEqualTo("Outgoing message 987654 does not exist; it may have been deleted.");
        }
        assertThat(server.getRequestCount()).isZero();
    }
}
