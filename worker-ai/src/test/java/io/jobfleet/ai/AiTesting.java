package io.jobfleet.ai;

import com.fasterxml.jackson.databind.JsonNode;
import io.jobfleet.ai.config.AiSettings;
import io.jobfleet.config.Secret;
import io.jobfleet.db.JobRow;
import io.jobfleet.db.Migrations;
import io.jobfleet.engine.JobHandler;
import io.jobfleet.engine.Payloads;
import io.jobfleet.family.FamilyRuntime;
import io.jobfleet.llm.LlmClient;
import io.jobfleet.llm.LlmConfig;
import io.jobfleet.testing.JobsTable;
import io.jobfleet.testing.TestDatabase;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.awaitility.Awaitility;

/** What the ai family's tests share: the reference tables, an LLM client, the handlers, ledger reads. */
final class AiTesting {
    private static final AtomicLong FAKE_JOB_IDS = new AtomicLong(1_000_000);

    private AiTesting() {
    }

    /** Applies the family's reference schema to the test's app schema. */
    static void migrateAppTables(TestDatabase db) {
        new Migrations(db.db().dataSource(), db.config().schema())
                .migrateAppSchema(AiFamily.NAME, AiFamily.APP_SCHEMA_LOCATION, db.config().appSchema());
    }

    /** A client without in-call retries: every fault of the simulator reaches the engine as a failed attempt. */
    static LlmClient llm(String baseUrl) {
        LlmConfig config = LlmConfig.defaults(baseUrl, Secret.empty())
                .withRetries(0, Duration.ZERO)
                .withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(10))
                .withBreaker(new LlmConfig.Breaker(50, 100, 100, Duration.ofSeconds(30), 3));
        return LlmClient.create(config, new SimpleMeterRegistry());
    }

    static JobHandler<?>[] handlers(TestDatabase db, LlmClient llm, AiSettings settings) {
        FamilyRuntime runtime = new FamilyRuntime(db.db(), new SimpleMeterRegistry(), "test", llm);
        List<JobHandler<?>> handlers = new AiFamily(settings).handlers(runtime);
        return handlers.toArray(JobHandler<?>[]::new);
    }

    /** Waits until job {@code id} has ended (completed, failed or cancelled) and returns it. */
    static JobRow awaitEnd(JobsTable jobs, long id) {
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20))
                .until(() -> Set.of("completed", "failed", "cancelled").contains(jobs.get(id).status()));
        return jobs.get(id);
    }

    static JsonNode json(String text) {
        return Payloads.tree(text);
    }

    /** Ledger rows of completed calls (settled with their job's completion). */
    static long ledgerRows(TestDatabase db) {
        return db.db().jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM ai_usage_ledger "
                + "WHERE state = 'completed'").mapTo(Long.class).one());
    }

    /** Ledger rows of job {@code jobId}'s completed call: 1 once it completed, never more. */
    static long ledgerRows(TestDatabase db, long jobId) {
        return db.db().jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM ai_usage_ledger "
                        + "WHERE job_id = :id AND state = 'completed'").bind("id", jobId).mapTo(Long.class).one());
    }

    /** Tokens charged to job {@code jobId}, every attempt's row counted (reserved, completed, failed). */
    static long chargedTokens(TestDatabase db, long jobId) {
        return db.db().jdbi().withHandle(h -> h.createQuery("SELECT coalesce(sum(total_tokens), 0) "
                + "FROM ai_usage_ledger WHERE job_id = :id").bind("id", jobId).mapTo(Long.class).one());
    }

    /** A ledger row of a job that is not in the jobs table (usage from earlier calls). */
    static void spent(TestDatabase db, String userId, int tokens, Instant at) {
        db.db().jdbi().useHandle(h -> h.createUpdate("INSERT INTO ai_usage_ledger (job_id, user_id, model, "
                        + "prompt_tokens, completion_tokens, total_tokens, created_at) "
                        + "VALUES (:job, :user, 'earlier-model', 0, :tokens, :tokens, :at)")
                .bind("job", FAKE_JOB_IDS.incrementAndGet()).bind("user", userId).bind("tokens", tokens)
                .bind("at", at).execute());
    }

    static void budget(TestDatabase db, String userId, Long monthlyTokens) {
        db.db().jdbi().useHandle(h -> h.createUpdate("INSERT INTO ai_token_budgets (user_id, monthly_tokens) "
                        + "VALUES (:user, :tokens) ON CONFLICT (user_id) DO UPDATE SET monthly_tokens = :tokens")
                .bind("user", userId).bind("tokens", monthlyTokens).execute());
    }
}
