package io.jobfleet.ai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.jobfleet.ai.config.AiSettings;
import io.jobfleet.db.NewJob;
import io.jobfleet.llm.sim.SimulatorConfig;
import io.jobfleet.llm.sim.testing.SimulatedLlm;
import io.jobfleet.testing.FamilyWorkers;
import io.jobfleet.testing.JobsTable;
import io.jobfleet.testing.TestDatabase;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * 500 ai.generate jobs of several users against a simulator that fails 10% of the requests
 * (seeded: 429 with Retry-After, 500, 503, slow answers, invalid JSON): all complete, and the
 * ledger holds exactly one row per job whose tokens match the job's result, however often the
 * job was retried.
 */
class FaultyLlmTest {
    @RegisterExtension
    static final TestDatabase DB = new TestDatabase();
    private static final int JOBS_COUNT = 500;
    private static final int USERS = 5;

    @Test
    void everyJobCountsExactlyOnceDespiteRetries() {
        SimulatorConfig faulty = SimulatorConfig.ephemeral().withFaults(0.10, 20_261_101L, Duration.ofMillis(200));
        try (SimulatedLlm llm = new SimulatedLlm(faulty, c -> c).start();
             FamilyWorkers workers = new FamilyWorkers(DB, () -> new AiFamily(AiSettings.defaults()), llm::client)
                     .withEngine(c -> c.toBuilder().retryBase(Duration.ofMillis(50)).retryMax(Duration.ofMillis(500)).concurrency(16).build())) {
            JobsTable jobs = workers.jobs();
            for (int i = 0; i < JOBS_COUNT; i++) {
                workers.enqueue(NewJob.of("ai", "ai.generate", payload(i)).withMaxAttempts(10));
            }
            workers.start();

            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200))
                    .until(() -> jobs.count("pending") + jobs.count("running") == 0);
            long requests = llm.requests();
            Map<String, Long> retries = retries();
            System.out.printf("%d jobs, %d LLM requests, %d failed attempts, %d jobs retried%n", JOBS_COUNT,
                    requests, retries.get("failed_attempts"), retries.get("retried_jobs"));

            assertThat(jobs.countByStatus()).isEqualTo(Map.of("completed", (long) JOBS_COUNT));
            assertThat(retries.get("retried_jobs")).as("the faults made jobs retry").isGreaterThan(10);
            assertThat(requests).isEqualTo(JOBS_COUNT + retries.get("failed_attempts"));
        }
        Map<String, Object> ledger = DB.db().jdbi().withHandle(h -> h.createQuery(
                "SELECT count(*) AS rows, count(DISTINCT job_id) AS jobs, sum(total_tokens) AS tokens "
                        + "FROM " + AiTesting.ledger(DB) + " WHERE state = 'completed'").mapToMap().one());
        assertThat(ledger.get("rows")).isEqualTo((long) JOBS_COUNT);
        assertThat(ledger.get("jobs")).isEqualTo((long) JOBS_COUNT);
        assertThat(ledger.get("tokens")).isEqualTo(resultTokens());
        assertThat(matchingRows()).as("ledger rows whose job, user and tokens match the job's result")
                .isEqualTo(JOBS_COUNT);
        long unsettled = DB.db().jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM " + AiTesting.ledger(DB)
                + " WHERE state = 'reserved'").mapTo(Long.class).one());
        assertThat(unsettled).as("every failed attempt settled").isZero();
    }

    private static String payload(int i) {
        String user = "user-" + (i % USERS);
        if (i % 5 == 0) {
            return "{\"user_id\": \"" + user + "\", \"prompt\": \"Classify request " + i + ".\", "
                    + "\"response_schema\": {\"type\": \"object\", \"additionalProperties\": false, "
                    + "\"required\": [\"label\"], \"properties\": {\"label\": {\"type\": \"string\"}}}}";
        }
        return "{\"user_id\": \"" + user + "\", \"prompt\": \"Question number " + i + ": what is "
                + i + " times two?\"}";
    }

    /** Failed attempts and retried jobs, from the jobs' error histories. */
    private static Map<String, Long> retries() {
        return DB.db().jdbi().withHandle(h -> h.createQuery("SELECT coalesce(sum(jsonb_array_length(errors)), 0) "
                        + "AS failed_attempts, count(*) FILTER (WHERE attempts > 1) AS retried_jobs FROM " + DB.jobs())
                .map((rs, ctx) -> Map.of("failed_attempts", rs.getLong(1), "retried_jobs", rs.getLong(2))).one());
    }

    private static Object resultTokens() {
        return DB.db().jdbi().withHandle(h -> h.createQuery("SELECT sum((result->'usage'->>'total_tokens')::bigint) "
                + "FROM " + DB.jobs()).mapTo(Long.class).one());
    }

    private static long matchingRows() {
        return DB.db().jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM " + AiTesting.ledger(DB) + " l JOIN "
                + DB.jobs() + " j ON j.id = l.job_id "
                + "WHERE l.state = 'completed' AND l.user_id = j.payload->>'user_id' AND l.model = j.result->>'model' "
                + "AND l.prompt_tokens = (j.result->'usage'->>'prompt_tokens')::int "
                + "AND l.completion_tokens = (j.result->'usage'->>'completion_tokens')::int "
                + "AND l.total_tokens = (j.result->'usage'->>'total_tokens')::int").mapTo(Long.class).one());
    }
}
