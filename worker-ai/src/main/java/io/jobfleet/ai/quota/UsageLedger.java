package io.jobfleet.ai.quota;

import io.jobfleet.engine.FencedWrites;
import io.jobfleet.llm.Usage;
import io.jobfleet.mapping.MappedTable;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Settles a {@link Reservation} in the usage ledger (statements rendered once from its mapping,
 * schema-qualified). A completed call is settled to the provider's usage in the job's fenced
 * completion transaction, so an attempt that lost its job (rescued, cancelled, timed out) settles
 * nothing and stays charged at its reservation. A failed call is settled in a transaction of its
 * own: to the usage the provider reported when it answered (an answer that broke its schema was
 * paid for), to 0 when no request reached the provider or it refused it with an error status, and
 * left at the reservation when the outcome is unknown (timeouts, dropped connections, interrupts:
 * the provider may have run the call).
 */
public final class UsageLedger {
    private static final Logger log = LoggerFactory.getLogger(UsageLedger.class);

    private final MappedTable t;
    private final String settle;
    private final String markFailed;

    public UsageLedger(MappedTable ledger) {
        this.t = ledger;
        String state = t.statusColumn() + " = " + t.statusValue("state");
        String unsettled = " WHERE " + t.whereId("id") + " AND " + t.statusColumn() + " = " + t.statusValue("reserved");
        this.settle = "UPDATE " + t.table() + " SET " + t.col("model") + " = :model, " + t.col("prompt_tokens")
                + " = :prompt, " + t.col("completion_tokens") + " = :completion, " + t.col("total_tokens")
                + " = :total, " + state + t.setNow("settled_at") + unsettled;
        this.markFailed = "UPDATE " + t.table() + " SET " + state + t.setNow("settled_at") + unsettled;
    }

    /** The fenced write settling {@code reservation} to {@code entry}, the completed call's usage. */
    public FencedWrites completed(Reservation reservation, UsageEntry entry) {
        return handle -> {
            int rows = handle.createUpdate(settle)
                    .bind("id", reservation.ledgerId())
                    .bind("model", entry.model())
                    .bind("prompt", entry.promptTokens())
                    .bind("completion", entry.completionTokens())
                    .bind("total", entry.totalTokens())
                    .bind("state", t.word("completed"))
                    .bind("reserved", t.word("reserved"))
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
    public void failed(Jdbi jdbi, Reservation reservation, String model, Usage usage) {
        jdbi.useHandle(h -> {
            if (usage == null) {
                h.createUpdate(markFailed).bind("id", reservation.ledgerId()).bind("state", t.word("failed"))
                        .bind("reserved", t.word("reserved")).execute();
                return;
            }
            h.createUpdate(settle)
                    .bind("id", reservation.ledgerId())
                    .bind("model", model)
                    .bind("prompt", usage.promptTokens())
                    .bind("completion", usage.completionTokens())
                    .bind("total", usage.totalTokens())
                    .bind("state", t.word("failed"))
                    .bind("reserved", t.word("reserved"))
                    .execute();
        });
    }
}
