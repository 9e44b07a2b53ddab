package io.jobfleet.db;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.jdbi.v3.core.Jdbi;

/**
 * Named token buckets shared by every process (table {@code rate_limits}, schema version 10):
 * handlers and clients take tokens before a call (a provider's sends, the LLM's requests and
 * tokens per minute) and settle an estimate with what the call really used. A name with no bucket
 * defined grants everything, so a limit is an operator's choice, not a code change.
 */
public final class RateLimitSql {
    private final Jdbi jdbi;
    private final String take;
    private final String settle;
    private final String reserve;
    private final String define;

    RateLimitSql(Jdbi jdbi, String schema) {
        this.jdbi = jdbi;
        this.define = NamedSql.load("define_rate_limit", schema);
        this.take = NamedSql.load("take_tokens", schema);
        this.settle = NamedSql.load("settle_tokens", schema);
        this.reserve = NamedSql.load("reserve_tokens", schema);
    }

    /** The answer of a bucket: granted, or not before {@code retryAt}. */
    public record Grant(boolean granted, Instant retryAt) {
        /** How long from {@code now} until the tokens could be there; zero when granted. */
        public Duration waitFrom(Instant now) {
            if (granted || retryAt.isBefore(now)) {
                return Duration.ZERO;
            }
            return Duration.between(now, retryAt);
        }
    }

    /** Takes {@code permits} tokens of bucket {@code name} (all or none) on the database's clock. */
    public Grant tryTake(String name, double permits) {
        return tryTake(name, permits, null);
    }

    /** Takes {@code permits} tokens at {@code now} (null: the database's clock). */
    public Grant tryTake(String name, double permits, Instant now) {
        if (!(permits > 0)) {
            return new Grant(true, now == null ? Instant.now() : now);
        }
        Instant base = now == null ? Instant.now() : now;
        return jdbi.withHandle(h -> h.createQuery(take)
                .bind("name", name).bind("wanted", permits)
                .bind("now", now == null ? null : OffsetDateTime.ofInstant(now, ZoneOffset.UTC))
                .map((rs, ctx) -> {
                    boolean granted = rs.getDouble("granted") >= permits;
                    long waitNanos = (long) (rs.getDouble("wait_seconds") * 1e9);
                    return new Grant(granted, granted ? base : base.plusNanos(waitNanos));
                })
                .one());
    }

    /**
     * Reserves {@code permits} tokens of bucket {@code name} at {@code now} (null: the database's
     * clock): they are taken at once, into debt when too few are there, and are the caller's from
     * {@link Grant#retryAt()} on (now when {@link Grant#granted()}). Unlike {@link #tryTake}, a
     * caller that waits until then and goes ahead without asking again needs no second try, and
     * concurrent callers get one slot after another at the bucket's rate.
     */
    public Grant reserve(String name, double permits, Instant now) {
        Instant base = now == null ? Instant.now() : now;
        return jdbi.withHandle(h -> h.createQuery(reserve)
                .bind("name", name).bind("wanted", permits)
                .bind("now", now == null ? null : OffsetDateTime.ofInstant(now, ZoneOffset.UTC))
                .map((rs, ctx) -> new Grant(rs.getBoolean("granted"),
                        rs.getObject("due", OffsetDateTime.class).toInstant()))
                .findOne()
                .orElse(new Grant(true, base)));
    }

    /** A bucket's stored rate, and whether this call added it. */
    public record Definition(double permits, double perSeconds, double burst, String setBy, boolean added) {
    }

    /**
     * Defines bucket {@code name} ({@code permits} per {@code perSeconds}, up to {@code burst})
     * unless it exists; returns the stored definition, which wins over the one asked for.
     */
    public Definition defineIfAbsent(String name, double permits, double perSeconds, double burst, String setBy) {
        return jdbi.withHandle(h -> h.createQuery(define).bind("name", name).bind("permits", permits)
                .bind("perSeconds", perSeconds).bind("burst", burst).bind("setBy", setBy)
                .map((rs, ctx) -> new Definition(rs.getDouble("permits"), rs.getDouble("per_seconds"),
                        rs.getDouble("burst"), rs.getString("set_by"), rs.getBoolean("added")))
                .one());
    }

    /**
     * Gives back {@code returned} tokens (an estimate larger than the real use), or takes more
     * when negative (the bucket may go into debt, which the next takers wait out).
     */
    public void settle(String name, double returned) {
        if (returned == 0) {
            return;
        }
        jdbi.useHandle(h -> h.createQuery(settle).bind("name", name).bind("returned", returned)
                .mapTo(String.class).list());
    }
}
