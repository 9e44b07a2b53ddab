package io.jobfleet.ai.quota;

import io.jobfleet.engine.FencedWrites;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The write of one successful call into {@code ai_usage_ledger}. It runs in the job's fenced
 * completion transaction, so an attempt that lost its job (rescued, cancelled, timed out) writes
 * nothing; {@code UNIQUE (job_id)} with {@code ON CONFLICT DO NOTHING} keeps a second row out
 * even if a completion were ever recorded twice.
 */
public final class UsageLedger {
    private static final Logger log = LoggerFactory.getLogger(UsageLedger.class);
    private static final String INSERT = "INSERT INTO ai_usage_ledger "
            + "(job_id, user_id, model, prompt_tokens, completion_tokens, total_tokens) "
            + "VALUES (:job_id, :user_id, :model, :prompt_tokens, :completion_tokens, :total_tokens) "
            + "ON CONFLICT (job_id) DO NOTHING";

    private UsageLedger() {
    }

    /** The fenced write recording {@code entry}. */
    public static FencedWrites record(UsageEntry entry) {
        return handle -> {
            int rows = handle.createUpdate(INSERT)
                    .bind("job_id", entry.jobId())
                    .bind("user_id", entry.userId())
                    .bind("model", entry.model())
                    .bind("prompt_tokens", entry.promptTokens())
                    .bind("completion_tokens", entry.completionTokens())
                    .bind("total_tokens", entry.totalTokens())
                    .execute();
            if (rows == 0) {
                log.warn("job {}: its usage was already in ai_usage_ledger; the first row is kept", entry.jobId());
            }
        };
    }
}
