package io.jobfleet.ai;

import static io.jobfleet.ai.AiTesting.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.jobfleet.ai.config.AiSettings;
import io.jobfleet.db.JobRow;
import io.jobfleet.db.NewJob;
import io.jobfleet.llm.sim.LlmSimulator;
import io.jobfleet.llm.sim.SimulatorConfig;
import io.jobfleet.llm.sim.testing.SimulatedLlm;
import io.jobfleet.testing.FamilyWorkers;
import io.jobfleet.testing.JobsTable;
import io.jobfleet.testing.TestClock;
import io.jobfleet.testing.TestDatabase;
import io.jobfleet.testing.WorkerProcess;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A worker JVM ({@code io.jobfleet.ai.Main run}) holds ai.generate jobs whose LLM calls hang on a
 * slow simulator; it is killed (or frozen), and an in-process worker on a fast simulator rescues
 * and completes them. Each job is counted once in the ledger: the lost attempts never write.
 */
class LostWorkerTest {
    @RegisterExtension
    static final TestDatabase DB = new TestDatabase();
    private static final JobsTable JOBS = new JobsTable(DB);
    private static final int HELD = 4;
    /** The victim's lease, renewed every second in real time: the one real-time wait left here is its death. */
    private static final Duration VICTIM_LEASE = Duration.ofSeconds(3);

    @BeforeAll
    static void tables() {
        FamilyWorkers.migrateAppTables(DB, new AiFamily());
    }

    @Test
    void jobsOfAKilledWorkerAreCompletedByAnotherAndCountedOnce() {
        TestClock clock = new TestClock();
        try (LlmSimulator slow = slowSimulator(Duration.ofMinutes(5));
             SimulatedLlm fast = new SimulatedLlm().start();
             FamilyWorkers survivors = survivors(fast, clock)) {
            List<Long> ids = enqueue("killed");
            try (WorkerProcess victim = victim(slow)) {
                String victimId = victim.workerIdPrefix("ai");
                awaitHeldAndCalling(ids, victimId, slow);
                survivors.start();

                victim.kill9();
                clock.advance(VICTIM_LEASE); // the survivors see its leases run out at once

                await().atMost(Duration.ofSeconds(30)).until(() -> completed(ids));
                for (long id : ids) {
                    JobRow row = JOBS.get(id);
                    assertThat(row.attempts()).isEqualTo(2);
                    JsonNode lost = json(row.errors()).get(0);
                    assertThat(lost.get("class").asText()).isEqualTo("worker_lost");
                    assertThat(lost.get("worker").asText()).startsWith(victimId);
                    assertThat(AiTesting.ledgerRows(DB, id)).as("ledger rows of job %d", id).isOne();
                }
                assertThat(fast.requests()).isEqualTo(HELD);
            }
        }
    }

    @Test
    void aFrozenWorkerThatWakesUpAfterTheRescueWritesNothing() {
        // answers come after the worker was frozen (and, under load, maybe during the freeze)
        TestClock clock = new TestClock();
        try (LlmSimulator slow = slowSimulator(Duration.ofSeconds(10));
             SimulatedLlm fast = new SimulatedLlm().start();
             FamilyWorkers survivors = survivors(fast, clock)) {
            List<Long> ids = enqueue("frozen");
            try (WorkerProcess victim = victim(slow)) {
                String victimId = victim.workerIdPrefix("ai");
                awaitHeldAndCalling(ids, victimId, slow);
                survivors.start();

                victim.signal("STOP");
                clock.advance(VICTIM_LEASE);
                await().atMost(Duration.ofSeconds(30)).until(() -> completed(ids));
                victim.signal("CONT");

                survivors.close();

                // its handler threads free up only once the lost attempts are over: new jobs it takes show that
                List<Long> probes = enqueue("probe");
                // should this wait ever run out, the woken worker's own log says where its time went
                await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(probes.stream().map(JOBS::get)
                        .allMatch(j -> j.status().equals("running") && j.lockedBy().startsWith(victimId)))
                        .as("the woken worker runs the probes %s; its log:%n%s", probes, victim.output()).isTrue());
                long interrupted = ids.stream().filter(id -> victim.output().contains("job " + id + " is no longer held"))
                        .count();
                System.out.printf("woken worker: %d lost attempt(s) interrupted by its heartbeat, %d refused at "
                        + "completion%n", interrupted, ids.size() - interrupted);
                for (long id : ids) {
                    JobRow row = JOBS.get(id);
                    assertThat(row.attempts()).isEqualTo(2);
                    assertThat(row.lockedBy()).doesNotStartWith(victimId);
                    assertThat(AiTesting.ledgerRows(DB, id)).as("ledger rows of job %d", id).isOne();
                }
            }
        }
    }

    private static LlmSimulator slowSimulator(Duration latency) {
        return new LlmSimulator(SimulatorConfig.ephemeral().withLatency(latency, Duration.ZERO)).start();
    }

    private static List<Long> enqueue(String tag) {
        return IntStream.range(0, HELD).mapToObj(i -> JOBS.enqueue(NewJob.of("ai", "ai.generate",
                "{\"user_id\": \"" + tag + "-" + i + "\", \"prompt\": \"Slow question " + i + "\"}"))).toList();
    }

    private static WorkerProcess victim(LlmSimulator slow) {
        return WorkerProcess.start("ai-victim", "io.jobfleet.ai.Main", DB.config(), List.of("run",
                "--llm-base-url=" + slow.baseUrl(), "--llm-retries=0", "--lease=" + VICTIM_LEASE.toSeconds() + "s",
                "--rescue-interval=1s",
                "--concurrency=" + HELD));
    }

    private static void awaitHeldAndCalling(List<Long> ids, String victimId, LlmSimulator slow) {
        await().atMost(Duration.ofSeconds(60)).until(() -> ids.stream().map(JOBS::get)
                .allMatch(j -> j.status().equals("running") && j.lockedBy().startsWith(victimId)));
        await().atMost(Duration.ofSeconds(10)).until(() -> slow.requestCount() == ids.size());
    }

    /**
     * In-process workers that take over, once started, on {@code clock}: the victim's leases run out
     * when the test moves it, not after seconds of real time.
     */
    private static FamilyWorkers survivors(SimulatedLlm llm, TestClock clock) {
        return new FamilyWorkers(DB, () -> new AiFamily(AiSettings.defaults()), llm::client).withClock(clock);
    }

    private static boolean completed(List<Long> ids) {
        return ids.stream().allMatch(id -> JOBS.get(id).status().equals("completed"));
    }
}
