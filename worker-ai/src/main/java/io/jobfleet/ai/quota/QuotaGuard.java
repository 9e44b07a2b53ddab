package io.jobfleet.ai.quota;

import io.jobfleet.engine.PermanentJobException;
import io.jobfleet.engine.RetryableJobException;
import java.sql.SQLException;
import java.sql.Types;
import java.time.OffsetDateTime;
import java.util.OptionalLong;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.SqlStatement;
import org.jdbi.v3.core.statement.StatementException;

/**
 * Reserves the most tokens a call can use before it is made, so that jobs of one user running at
 * the same time can never spend more than the budget between them. In a short transaction of its
 * own, committed before the call: it takes the user's advisory lock
 * ({@code pg_advisory_xact_lock(hashtextextended('jobfleet.ai_quota:' || user_id, 0))}), asks
 * {@code ai_remaining_tokens(user, default)}, the very function the app calls, and inserts a
 * {@code reserved} ledger row for the tokens when they fit. The next holder of the lock sees that
 * row. A call that does not fit fails at once with {@code quota_exceeded}.
 */
public final class QuotaGuard {
    public static final String QUOTA_EXCEEDED = "quota_exceeded";
    public static final String SCHEMA_MISSING = "ai_schema_missing";
    private static final String LOCK = "SELECT pg_catalog.pg_advisory_xact_lock("
            + "pg_catalog.hashtextextended('jobfleet.ai_quota:' || CAST(:user AS text), CAST(0 AS bigint)))";
    private static final String REMAINING = "SELECT ai_remaining_tokens(CAST(:user AS text), CAST(:default_limit AS bigint))";
    private static final String STATUS = "SELECT monthly_limit, used_tokens, remaining_tokens, resets_at "
            + "FROM ai_token_quota(CAST(:user AS text), CAST(:default_limit AS bigint))";
    private static final String RESERVE = "INSERT INTO ai_usage_ledger (job_id, attempt, user_id, model, "
            + "prompt_tokens, completion_tokens, total_tokens, reserved_tokens, state) "
            + "VALUES (:job_id, :attempt, :user, :model, :prompt, :completion, :total, :total, 'reserved') RETURNING id";
    private static final String UNDEFINED_TABLE = "42P01";
    private static final String UNDEFINED_FUNCTION = "42883";
    private static final String UNDEFINED_COLUMN = "42703";

    private final Jdbi jdbi;
    private final OptionalLong defaultLimit;

    public QuotaGuard(Jdbi jdbi, OptionalLong defaultLimit) {
        this.jdbi = jdbi;
        this.defaultLimit = defaultLimit;
    }

    /**
     * Holds {@code promptTokens + maxTokens} of {@code userId}'s budget for attempt {@code attempt}
     * of job {@code jobId}; throws a permanent {@code quota_exceeded} failure when they do not fit.
     */
    public Reservation reserve(String userId, long jobId, int attempt, String model, int promptTokens, int maxTokens)
            throws PermanentJobException, RetryableJobException {
        int total = promptTokens + maxTokens;
        try {
            Object outcome = jdbi.inTransaction(h -> {
                h.createQuery(LOCK).bind("user", userId).mapTo(String.class).findOne(); // void: waits for the lock
                Long remaining = bind(h.createQuery(REMAINING), userId).mapTo(Long.class).one();
                if (remaining != null && remaining < total) {
                    return status(h, userId);
                }
                long id = h.createQuery(RESERVE).bind("job_id", jobId).bind("attempt", attempt).bind("user", userId)
                        .bind("model", model).bind("prompt", promptTokens).bind("completion", maxTokens)
                        .bind("total", total).mapTo(Long.class).one();
                return new Reservation(id, userId, total);
            });
            if (outcome instanceof QuotaStatus status) {
                throw new PermanentJobException(QUOTA_EXCEEDED, status.refusalMessage(total));
            }
            return (Reservation) outcome;
        } catch (StatementException e) {
            if (missingSchema(e)) {
                throw new RetryableJobException(SCHEMA_MISSING, "The AI usage tables are missing or outdated in "
                        + "the app schema; an operator must create them (./jobfleet ai migrate --app-tables).");
            }
            throw e;
        }
    }

    /** The user's budget this month. */
    public QuotaStatus status(String userId) {
        return jdbi.withHandle(h -> status(h, userId));
    }

    private QuotaStatus status(Handle h, String userId) {
        return bind(h.createQuery(STATUS), userId)
                .map((rs, ctx) -> new QuotaStatus(
                        rs.getObject("monthly_limit", Long.class),
                        rs.getLong("used_tokens"),
                        rs.getObject("remaining_tokens", Long.class),
                        rs.getObject("resets_at", OffsetDateTime.class).toInstant()))
                .one();
    }

    private <S extends SqlStatement<S>> S bind(S statement, String userId) {
        S s = statement.bind("user", userId);
        return defaultLimit.isPresent() ? s.bind("default_limit", defaultLimit.getAsLong())
                : s.bindNull("default_limit", Types.BIGINT);
    }

    private static boolean missingSchema(StatementException e) {
        if (!(e.getCause() instanceof SQLException sql)) {
            return false;
        }
        String state = sql.getSQLState();
        return UNDEFINED_TABLE.equals(state) || UNDEFINED_FUNCTION.equals(state) || UNDEFINED_COLUMN.equals(state);
    }
}
