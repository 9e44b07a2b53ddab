package io.jobfleet.ai.quota;

import io.jobfleet.db.MissingObject;
import io.jobfleet.engine.PermanentJobException;
import io.jobfleet.engine.RetryableJobException;
import io.jobfleet.mapping.MappedTable;
import java.sql.Types;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
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
 * {@code reserved} ledger row for the tokens when they fit. Every name is schema-qualified from
 * the mapping (the functions in the ledger's schema), so no {@code search_path} is needed. The next holder of the lock sees that
 * row. A call that does not fit fails at once with {@code quota_exceeded}.
 */
public final class QuotaGuard {
    public static final String QUOTA_EXCEEDED = "quota_exceeded";
    public static final String SCHEMA_MISSING = "ai_schema_missing";
    private static final String LOCK = "SELECT pg_catalog.pg_advisory_xact_lock("
            + "pg_catalog.hashtextextended('jobfleet.ai_quota:' || CAST(:user AS text), CAST(0 AS bigint)))";

    private final Jdbi jdbi;
    private final OptionalLong defaultLimit;
    private final MappedTable ledger;
    private final String remainingSql;
    private final String quotaSql;
    private final String reserveSql;

    /** Statements rendered from the mapped {@code ledger}; the functions are called in its schema. */
    public QuotaGuard(Jdbi jdbi, OptionalLong defaultLimit, MappedTable ledger) {
        this.jdbi = jdbi;
        this.defaultLimit = defaultLimit;
        this.ledger = ledger;
        String schema = ledger.name().schema().sql();
        this.remainingSql = "SELECT " + schema + ".ai_remaining_tokens(CAST(:user AS text), CAST(:default_limit AS bigint))";
        this.quotaSql = "SELECT monthly_limit, used_tokens, remaining_tokens, resets_at FROM " + schema
                + ".ai_token_quota(CAST(:user AS text), CAST(:default_limit AS bigint))";
        List<String> columns = new ArrayList<>();
        List<String> values = new ArrayList<>();
        if (ledger.generateId()) {
            columns.add(ledger.id());
            values.add(ledger.newId());
        }
        for (String key : List.of("job_id", "attempt", "user_id", "model", "prompt_tokens", "completion_tokens",
                "total_tokens", "reserved_tokens")) {
            columns.add(ledger.col(key));
            values.add(":" + key);
        }
        columns.add(ledger.statusColumn());
        values.add(ledger.statusValue("state"));
        this.reserveSql = "INSERT INTO " + ledger.table() + " (" + String.join(", ", columns) + ") VALUES ("
                + String.join(", ", values) + ") RETURNING " + ledger.id() + "::text";
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
                Long remaining = bind(h.createQuery(remainingSql), userId).mapTo(Long.class).one();
                if (remaining != null && remaining < total) {
                    return status(h, userId);
                }
                String id = h.createQuery(reserveSql).bind("job_id", jobId).bind("attempt", attempt)
                        .bind("user_id", userId).bind("model", model).bind("prompt_tokens", promptTokens)
                        .bind("completion_tokens", maxTokens).bind("total_tokens", total)
                        .bind("reserved_tokens", total).bind("state", ledger.word("reserved"))
                        .mapTo(String.class).one();
                return new Reservation(id, userId, total);
            });
            if (outcome instanceof QuotaStatus status) {
                throw new PermanentJobException(QUOTA_EXCEEDED, status.refusalMessage(total));
            }
            return (Reservation) outcome;
        } catch (StatementException e) {
            if (MissingObject.in(e)) {
                throw new RetryableJobException(SCHEMA_MISSING, "The AI usage tables or functions are missing or "
                        + "outdated in schema " + ledger.name().schema() + "; an operator must create them "
                        + "(./jobfleet ai check says what is missing).");
            }
            throw e;
        }
    }

    /** The user's budget this month. */
    public QuotaStatus status(String userId) {
        return jdbi.withHandle(h -> status(h, userId));
    }

    private QuotaStatus status(Handle h, String userId) {
        return bind(h.createQuery(quotaSql), userId)
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
}
