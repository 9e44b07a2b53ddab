package io.jobfleet.ai.quota;

import io.jobfleet.engine.FencedWrites;
import io.jobfleet.llm.Usage;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Settles a {@link Reservation} in {@code ai_usage_ledger}. A completed call is settled to the
 * provider's usage in the job's fenced completion transaction, so an attempt that lost its job
 * (rescued, cancelled, timed out) settles nothing and stays charged at its reservation. A failed
 * call is settled in a transaction of its own: to the usage the provider reported when it
 * answered (an answer that broke its schema was paid for), to 0 when no request reached the
 * provider or it refused it with an error status, and left at the reservation when the outcome is
 * unknown (timeouts, dropped connections, interrupts: the provider may have run the call).
 */
public final class UsageLedger {
    private static final Logger log = LoggerFactory.getLogger(UsageLedger.class);
    private static final String SETTLE = "UPDATE ai_usage_ledger SET model = :model, prompt_tokens = :prompt, "
            + "completion_tokens = :completion, total_tokens = :total, state = :state, settled_at = now() "
            + "WHERE id = :id AND state = 'reserved'";
    private static final String MARK_FAILED = "UPDATE ai_usage_ledger SET state = 'failed', settled_at = now() "
            + "WHERE id = :id AND state = 'reserved'";

    private UsageLedger() {
    }

    /** The fenced write settling {@code reservation} to {@code entry}, the completed call's usage. */
    public static FencedWrites completed(Reservation reservation, UsageEntry entry) {
        return handle -> {
            int rows = handle.createUpdate(SETTLE)
                    .bind("id", reservation.ledgerId())
                    .bind("model", entry.model())
                    .bind("prompt", entry.promptTokens())
                    .bind("completion", entry.completionTokens())
                    .bind("total", entry.totalTokens())
                    .bind("state", "completed")
                    .execute();
            if (rows == 0) {
                log.warn("job {}: its usage row {} was already settled; it is kept", entry.jobId(),
                        reservation.ledgerId());
            }
        };
    }

    /**
     * Settles a failed call: to {@code usage} when known (0 tokens for a call the provider never
     * ran), else it stays charged at the reservation.
     */
    public static void failed(Jdbi jdbi, Reservation reservation, String model, Usage usage) {
        jdbi.useHandle(h -> {
            if (usage == null) {
                h.createUpdate(MARK_FAILED).bind("id", reservation.ledgerId()).execute();
                return;
            }
            h.createUpdate(SETTLE)
                    .bind("id", reservation.ledgerId())
                    .bind("model", model)
                    .bind("prompt", usage.promptTokens())
                    .bind("completion", usage.completionTokens())
                    .bind("total", usage.totalTokens())
                    .bind("state", "failed")
                    .execute();
        });
    }
}
