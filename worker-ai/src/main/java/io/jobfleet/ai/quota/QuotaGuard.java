package io.jobfleet.ai.quota;

import io.jobfleet.engine.PermanentJobException;
import io.jobfleet.engine.RetryableJobException;
import java.sql.SQLException;
import java.sql.Types;
import java.time.OffsetDateTime;
import java.util.OptionalLong;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.SqlStatement;
import org.jdbi.v3.core.statement.StatementException;

/**
 * Refuses a call when its user's monthly token budget is spent. It asks
 * {@code ai_remaining_tokens(user, default)}, the very function the app calls before enqueueing,
 * and reads the details for the message only when the answer is no.
 *
 * <p>The check is not a reservation: jobs of one user running at the same time all pass it, so a
 * budget may be overshot by the usage of the calls in flight. A job is refused only when nothing
 * is left ({@code remaining <= 0}); {@code max_tokens} is not held against the remainder.
 */
public final class QuotaGuard {
    public static final String QUOTA_EXCEEDED = "quota_exceeded";
    public static final String SCHEMA_MISSING = "ai_schema_missing";
    private static final String REMAINING = "SELECT ai_remaining_tokens(:user, :default_limit::bigint)";
    private static final String STATUS = "SELECT monthly_limit, used_tokens, remaining_tokens, resets_at "
            + "FROM ai_token_quota(:user, :default_limit::bigint)";
    private static final String UNDEFINED_TABLE = "42P01";
    private static final String UNDEFINED_FUNCTION = "42883";

    private final Jdbi jdbi;
    private final OptionalLong defaultLimit;

    public QuotaGuard(Jdbi jdbi, OptionalLong defaultLimit) {
        this.jdbi = jdbi;
        this.defaultLimit = defaultLimit;
    }

    /** Throws a permanent {@code quota_exceeded} failure when {@code userId} has no tokens left. */
    public void check(String userId) throws PermanentJobException, RetryableJobException {
        try {
            Long remaining = jdbi.withHandle(h -> bind(h.createQuery(REMAINING), userId)
                    .mapTo(Long.class).one());
            if (remaining != null && remaining <= 0) {
                QuotaStatus status = status(userId);
                if (status.exhausted()) { // still, should the budget have been raised meanwhile
                    throw new PermanentJobException(QUOTA_EXCEEDED, status.exhaustedMessage());
                }
            }
        } catch (StatementException e) {
            if (missingSchema(e)) {
                throw new RetryableJobException(SCHEMA_MISSING, "The AI usage tables are missing in the app "
                        + "schema; an operator must create them (./jobfleet ai migrate --app-tables).");
            }
            throw e;
        }
    }

    /** The user's budget this month. */
    public QuotaStatus status(String userId) {
        return jdbi.withHandle(h -> bind(h.createQuery(STATUS), userId)
                .map((rs, ctx) -> new QuotaStatus(
                        rs.getObject("monthly_limit", Long.class),
                        rs.getLong("used_tokens"),
                        rs.getObject("remaining_tokens", Long.class),
                        rs.getObject("resets_at", OffsetDateTime.class).toInstant()))
                .one());
    }

    private <S extends SqlStatement<S>> S bind(S statement, String userId) {
        S s = statement.bind("user", userId);
        return defaultLimit.isPresent() ? s.bind("default_limit", defaultLimit.getAsLong())
                : s.bindNull("default_limit", Types.BIGINT);
    }

    private static boolean missingSchema(StatementException e) {
        return e.getCause() instanceof SQLException sql
                && (UNDEFINED_TABLE.equals(sql.getSQLState()) || UNDEFINED_FUNCTION.equals(sql.getSQLState()));
    }
}
