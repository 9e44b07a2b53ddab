package io.jobfleet.ai;

import com.fasterxml.jackson.databind.JsonNode;
import io.jobfleet.engine.Payloads;
import io.jobfleet.testing.TestDatabase;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The ai family's additions to the shared harness ({@code TestDatabase}, {@code SimulatedLlm},
 * {@code FamilyWorkers}): reads and writes of its ledger and budget tables.
 */
final class AiTesting {
    private static final AtomicLong FAKE_JOB_IDS = new AtomicLong(1_000_000);

    private AiTesting() {
    }

    /** The ledger table, quoted and qualified with the test's app schema (no search_path needed). */
    static String ledger(TestDatabase db) {
        return AiMapping.SPEC.defaults(db.config().appSchema()).table(AiMapping.LEDGER).table();
    }

    static String budgets(TestDatabase db) {
        return AiMapping.SPEC.defaults(db.config().appSchema()).table(AiMapping.BUDGETS).table();
    }

    /** A quota function ({@code ai_remaining_tokens}, {@code ai_token_quota}) qualified with the app schema. */
    static String function(TestDatabase db, String name) {
        return "\"" + db.config().appSchema() + "\"." + name;
    }

    static JsonNode json(String text) {
        return Payloads.tree(text);
    }

    /** Ledger rows of completed calls (settled with their job's completion). */
    static long ledgerRows(TestDatabase db) {
        return db.db().jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM " + ledger(db) + " "
                + "WHERE state = 'completed'").mapTo(Long.class).one());
    }

    /** Ledger rows of job {@code jobId}'s completed call: 1 once it completed, never more. */
    static long ledgerRows(TestDatabase db, long jobId) {
        return db.db().jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM " + ledger(db) + " "
                        + "WHERE job_id = :id AND state = 'completed'").bind("id", jobId).mapTo(Long.class).one());
    }

    /** Tokens charged to job {@code jobId}, every attempt's row counted (reserved, completed, failed). */
    static long chargedTokens(TestDatabase db, long jobId) {
        return db.db().jdbi().withHandle(h -> h.createQuery("SELECT coalesce(sum(total_tokens), 0) "
                + "FROM " + ledger(db) + " WHERE job_id = :id").bind("id", jobId).mapTo(Long.class).one());
    }

    /** A ledger row of a job that is not in the jobs table (usage from earlier calls). */
    static void spent(TestDatabase db, String userId, int tokens, Instant at) {
        db.db().jdbi().useHandle(h -> h.createUpdate("INSERT INTO " + ledger(db) + " (job_id, user_id, model, "
                        + "prompt_tokens, completion_tokens, total_tokens, created_at) "
                        + "VALUES (:job, :user, 'earlier-model', 0, :tokens, :tokens, :at)")
                .bind("job", FAKE_JOB_IDS.incrementAndGet()).bind("user", userId).bind("tokens", tokens)
                .bind("at", at).execute());
    }

    static void budget(TestDatabase db, String userId, Long monthlyTokens) {
        db.db().jdbi().useHandle(h -> h.createUpdate("INSERT INTO " + budgets(db) + " (user_id, monthly_tokens) "
                        + "VALUES (:user, :tokens) ON CONFLICT (user_id) DO UPDATE SET monthly_tokens = :tokens")
                .bind("user", userId).bind("tokens", monthlyTokens).execute());
    }
}
