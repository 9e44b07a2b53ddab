package io.jobfleet.ai.quota;

import io.jobfleet.engine.FencedWrites;
import io.jobfleet.engine.PermanentJobException;
import io.jobfleet.engine.RetryableJobException;
import io.jobfleet.llm.Usage;
import io.jobfleet.mapping.MappedTable;
import java.util.OptionalLong;
import org.jdbi.v3.core.Jdbi;

/**
 * What ai.generate does with tokens around an LLM call: reserve before, settle after. With quotas
 * on, that is {@link QuotaGuard} and {@link UsageLedger} on the mapped ledger; with
 * {@code --ai-quotas=off}, {@link #OFF}: every call fits and nothing is written.
 */
public interface TokenBudget {
    /** Holds {@code promptTokens + maxTokens} for the attempt; {@code quota_exceeded} when they do not fit. */
    Reservation reserve(String userId, long jobId, int attempt, String model, int promptTokens, int maxTokens)
            throws PermanentJobException, RetryableJobException;

    /** The fenced write settling a completed call to its usage. */
    FencedWrites completed(Reservation reservation, UsageEntry entry);

    /** Settles a failed call in a transaction of its own (see {@link UsageLedger}). */
    void failed(Jdbi jdbi, Reservation reservation, String model, Usage usage);

    /** Quotas on: reservations and settlements in the mapped {@code ledger}. */
    static TokenBudget ledgered(Jdbi jdbi, OptionalLong defaultLimit, MappedTable ledger) {
        QuotaGuard guard = new QuotaGuard(jdbi, defaultLimit, ledger);
        UsageLedger settle = new UsageLedger(ledger);
        return new TokenBudget() {
            @Override
            public Reservation reserve(String userId, long jobId, int attempt, String model, int promptTokens,
                                       int maxTokens) throws PermanentJobException, RetryableJobException {
                return guard.reserve(userId, jobId, attempt, model, promptTokens, maxTokens);
            }

            @Override
            public FencedWrites completed(Reservation reservation, UsageEntry entry) {
                return settle.completed(reservation, entry);
            }

            @Override
            public void failed(Jdbi db, Reservation reservation, String model, Usage usage) {
                settle.failed(db, reservation, model, usage);
            }
        };
    }

    /** Quotas off: no reservation, no ledger. */
    TokenBudget OFF = new TokenBudget() {
        @Override
        public Reservation reserve(String userId, long jobId, int attempt, String model, int promptTokens,
                                   int maxTokens) {
            return new Reservation(null, userId, promptTokens + maxTokens);
        }

        @Override
        public FencedWrites completed(Reservation reservation, UsageEntry entry) {
            return h -> { };
        }

        @Override
        public void failed(Jdbi jdbi, Reservation reservation, String model, Usage usage) {
        }
    };
}
