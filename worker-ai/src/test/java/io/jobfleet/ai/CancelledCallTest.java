package io.jobfleet.ai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.jobfleet.ai.config.AiSettings;
import io.jobfleet.llm.sim.testing.SimulatedLlm;
import io.jobfleet.testing.FamilyWorkers;
import io.jobfleet.testing.JobsTable;
import io.jobfleet.testing.TestDatabase;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A job cancelled while its LLM call is in flight: the answer still arrives and the handler
 * returns its outcome, but the fenced completion refuses it, so no usage is recorded. The lease
 * is 90 s, so no heartbeat (every 30 s, the first at the worker's start) interrupts the handler
 * first: the completion's fence is what keeps the row out.
 */
class CancelledCallTest {
    @RegisterExtension
    static final TestDatabase DB = new TestDatabase();

    @Test
    void anAnswerForACancelledJobIsNotCounted() {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        try (SimulatedLlm llm = new SimulatedLlm().start();
             FamilyWorkers workers = new FamilyWorkers(DB, () -> new AiFamily(AiSettings.defaults()), llm::client)
                     .withEngine(c -> c.toBuilder().lease(Duration.ofSeconds(90)).rescueInterval(Duration.ofSeconds(5)).build())
                     .withMeters(meters).start()) {
            JobsTable jobs = workers.jobs();
            long id = workers.enqueue("ai.generate", "{\"user_id\": \"u1\", \"prompt\": \"Slow [sim:delay=2000]\"}");
            await().atMost(Duration.ofSeconds(10)).until(() -> llm.requests() == 1);

            assertThat(DB.db().queue().cancel(id)).isTrue();

            await().atMost(Duration.ofSeconds(20)).until(() -> meters.find("jobfleet.completions.fenced.out")
                    .counters().stream().mapToDouble(c -> c.count()).sum() == 1);
            assertThat(jobs.get(id).status()).isEqualTo("cancelled");
            assertThat(jobs.get(id).result()).isNull();
            assertThat(AiTesting.ledgerRows(DB, id)).isZero();

            long next = workers.enqueue("ai.generate", "{\"user_id\": \"u1\", \"prompt\": \"Next\"}");
            assertThat(workers.awaitFinished(next).status()).isEqualTo("completed");
            assertThat(AiTesting.ledgerRows(DB)).isOne();
        }
    }
}
