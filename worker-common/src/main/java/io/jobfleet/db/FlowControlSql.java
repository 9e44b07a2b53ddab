package io.jobfleet.db;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Pauses and fleet-wide caps (tables {@code pauses} and {@code limits}, schema version 7). The
 * claim statement reads them, so a change holds for every worker at its next claim; a change
 * that lets jobs run again (resume, a higher or removed cap) wakes the queue's workers at once.
 */
public final class FlowControlSql {
    private final Jdbi jdbi;
    private final String channel;
    private final String pause;
    private final String resume;
    private final String pauses;
    private final String limitSet;
    private final String limitClear;
    private final String limits;
    private final String notify;
    private final String keyRuleSet;
    private final String keyRuleBackfill;
    private final String keyRuleClear;
    private final String keyRules;
    private final String markFreesRoom;
    private final String rateSet;
    private final String rateClear;
    private final String rates;

    FlowControlSql(Jdbi jdbi, String schema) {
        this.jdbi = jdbi;
        this.channel = schema + ".jobs";
        this.pause = NamedSql.load("admin/pause", schema);
        this.resume = NamedSql.load("admin/resume", schema);
        this.pauses = NamedSql.load("admin/pauses", schema);
        this.limitSet = NamedSql.load("admin/limit_set", schema);
        this.limitClear = NamedSql.load("admin/limit_clear", schema);
        this.limits = NamedSql.load("admin/limits", schema);
        this.notify = NamedSql.load("admin/notify", schema);
        this.keyRuleSet = NamedSql.load("admin/key_rule_set", schema);
        this.keyRuleBackfill = NamedSql.load("admin/key_rule_backfill", schema);
        this.keyRuleClear = NamedSql.load("admin/key_rule_clear", schema);
        this.keyRules = NamedSql.load("admin/key_rules", schema);
        this.markFreesRoom = NamedSql.load("admin/mark_frees_room", schema);
        this.rateSet = NamedSql.load("admin/rate_set", schema);
        this.rateClear = NamedSql.load("admin/rate_clear", schema);
        this.rates = NamedSql.load("admin/rates", schema);
    }

    /** The name of the bucket that limits the claims of {@code queue} (kind null) or of one kind in it. */
    public static String claimBucket(String queue, String kind) {
        return kind == null ? "queue:" + queue : "queue:" + queue + ":" + kind;
    }

    /** A stored pause: {@code kind} null pauses the whole queue, {@code until} null until resumed. */
    public record Pause(String queue, String kind, String reason, String pausedBy, Instant pausedAt, Instant until,
                        boolean expired, long pending) {
    }

    /** A fleet-wide cap and the jobs it counts now. */
    public record Limit(String queue, String kind, int maxRunning, String setBy, Instant setAt, long running) {
    }

    /**
     * A key rule: at most {@code maxPerKey} running jobs per concurrency key, and with
     * {@code ordered} a key's jobs one at a time in enqueue order; {@code keyField} names the
     * payload field the key is taken from when the enqueue gives none.
     */
    public record KeyRule(String queue, String kind, int maxPerKey, boolean ordered, String keyField, String setBy,
                          Instant setAt, long activeKeys, long busiestRunning) {
    }

    /** A token bucket: {@code permits} per {@code perSeconds}, up to {@code burst}; {@code tokens} now. */
    public record RateLimit(String name, double permits, double perSeconds, double burst, String setBy, Instant setAt,
                            double tokens) {
    }

    /**
     * Sets the key rule of {@code queue} (or one kind of it); with a key field, the pending jobs
     * that came without a key get theirs. Returns how many did. Wakes the queue's workers.
     */
    public int setKeyRule(String queue, String kind, int maxPerKey, boolean ordered, String keyField, String setBy) {
        return jdbi.inTransaction(h -> {
            h.createQuery(keyRuleSet).bind("queue", queue).bind("kind", kind).bind("maxPerKey", maxPerKey)
                    .bind("ordered", ordered).bind("keyField", keyField).bind("setBy", setBy)
                    .mapTo(String.class).one();
            int keyed = keyField == null ? 0 : h.createUpdate(keyRuleBackfill).bind("queue", queue)
                    .bind("kind", kind).bind("keyField", keyField).execute();
            markFreesRoom(h, queue, kind, true);
            notify(h, queue);
            return keyed;
        });
    }

    /** Removes a key rule; false when there was none. Wakes the queue's workers. */
    public boolean clearKeyRule(String queue, String kind) {
        return jdbi.inTransaction(h -> {
            Optional<String> removed = h.createQuery(keyRuleClear).bind("queue", queue).bind("kind", kind)
                    .mapTo(String.class).findFirst();
            removed.ifPresent(q -> notify(h, q));
            return removed.isPresent();
        });
    }

    /** Stored key rules of {@code queue} (null: all). */
    public List<KeyRule> keyRules(String queue) {
        return jdbi.withHandle(h -> h.createQuery(keyRules).bind("queue", queue)
                .map((rs, ctx) -> new KeyRule(rs.getString("queue"), rs.getString("kind"), rs.getInt("max_per_key"),
                        rs.getBoolean("ordered"), rs.getString("key_field"), rs.getString("set_by"),
                        QueueSql.instant(rs, "set_at"), rs.getLong("active_keys"), rs.getLong("busiest_running")))
                .list());
    }

    /**
     * Defines or changes bucket {@code name}; a bucket that limits a queue's claims
     * ({@link #claimBucket}) wakes that queue's workers.
     */
    public void setRateLimit(String name, double permits, double perSeconds, double burst, String setBy) {
        jdbi.useTransaction(h -> {
            h.createQuery(rateSet).bind("name", name).bind("permits", permits).bind("perSeconds", perSeconds)
                    .bind("burst", burst).bind("setBy", setBy).mapTo(String.class).one();
            claimedQueue(name).ifPresent(q -> notify(h, q));
        });
    }

    /** Removes bucket {@code name}; false when there was none. */
    public boolean clearRateLimit(String name) {
        return jdbi.inTransaction(h -> {
            Optional<String> removed = h.createQuery(rateClear).bind("name", name).mapTo(String.class).findFirst();
            removed.flatMap(FlowControlSql::claimedQueue).ifPresent(q -> notify(h, q));
            return removed.isPresent();
        });
    }

    /** Stored buckets whose name starts with {@code prefix} (null: all), with their tokens now. */
    public List<RateLimit> rateLimits(String prefix) {
        return jdbi.withHandle(h -> h.createQuery(rates).bind("prefix", prefix)
                .map((rs, ctx) -> new RateLimit(rs.getString("name"), rs.getDouble("permits"),
                        rs.getDouble("per_seconds"), rs.getDouble("burst"), rs.getString("set_by"),
                        QueueSql.instant(rs, "set_at"), rs.getDouble("tokens")))
                .list());
    }

    /** The buckets that limit the claims of {@code queue} and its kinds (null: of every queue). */
    public List<RateLimit> claimRates(String queue) {
        String queueBucket = claimBucket(queue == null ? "" : queue, null);
        return rateLimits(queueBucket).stream()
                .filter(r -> queue == null || r.name().equals(queueBucket) || r.name().startsWith(queueBucket + ":"))
                .toList();
    }

    private static Optional<String> claimedQueue(String bucket) {
        if (!bucket.startsWith("queue:")) {
            return Optional.empty();
        }
        String rest = bucket.substring("queue:".length());
        int colon = rest.indexOf(':');
        return Optional.of(colon < 0 ? rest : rest.substring(0, colon));
    }

    /** Pauses {@code queue} (or one kind of it) until resumed ({@code duration} null) or for {@code duration}. */
    public Pause pause(String queue, String kind, String reason, String pausedBy, Duration duration) {
        return jdbi.withHandle(h -> h.createQuery(pause)
                .bind("queue", queue).bind("kind", kind).bind("reason", reason).bind("pausedBy", pausedBy)
                .bind("forSeconds", duration == null ? null : duration.toMillis() / 1000.0)
                .map((rs, ctx) -> pause(rs, false, 0)).one());
    }

    /** Lifts every pause of {@code queue} ({@code kind} null) or that of one kind; wakes the queue's workers. */
    public List<Pause> resume(String queue, String kind) {
        return jdbi.inTransaction(h -> {
            List<Pause> lifted = h.createQuery(resume).bind("queue", queue).bind("kind", kind)
                    .map((rs, ctx) -> pause(rs, false, 0)).list();
            if (!lifted.isEmpty()) {
                notify(h, queue);
            }
            return lifted;
        });
    }

    /** Stored pauses of {@code queue} (null: all), expired ones included and marked. */
    public List<Pause> pauses(String queue) {
        return jdbi.withHandle(h -> h.createQuery(pauses).bind("queue", queue)
                .map((rs, ctx) -> pause(rs, rs.getBoolean("expired"), rs.getLong("pending"))).list());
    }

    /** Sets the cap of {@code queue} (or one kind of it); wakes the queue's workers, since it may have grown. */
    public void setLimit(String queue, String kind, int maxRunning, String setBy) {
        jdbi.useTransaction(h -> {
            h.createQuery(limitSet).bind("queue", queue).bind("kind", kind).bind("maxRunning", maxRunning)
                    .bind("setBy", setBy).mapTo(String.class).one();
            markFreesRoom(h, queue, kind, false);
            notify(h, queue);
        });
    }

    /**
     * Marks the running jobs a new cap or key rule applies to (only those with a key, {@code keyed}),
     * so that their end wakes the queue's workers, as the claim marks the jobs it starts.
     */
    private void markFreesRoom(Handle h, String queue, String kind, boolean keyed) {
        h.createUpdate(markFreesRoom).bind("queue", queue).bind("kind", kind).bind("keyed", keyed).execute();
    }

    /** Removes a cap; false when there was none. Wakes the queue's workers. */
    public boolean clearLimit(String queue, String kind) {
        return jdbi.inTransaction(h -> {
            Optional<String> removed = h.createQuery(limitClear).bind("queue", queue).bind("kind", kind)
                    .mapTo(String.class).findFirst();
            removed.ifPresent(q -> notify(h, q));
            return removed.isPresent();
        });
    }

    /** Stored caps of {@code queue} (null: all) with what runs under them now. */
    public List<Limit> limits(String queue) {
        return jdbi.withHandle(h -> h.createQuery(limits).bind("queue", queue)
                .map((rs, ctx) -> new Limit(rs.getString("queue"), rs.getString("kind"), rs.getInt("max_running"),
                        rs.getString("set_by"), QueueSql.instant(rs, "set_at"), rs.getLong("running")))
                .list());
    }

    private void notify(Handle h, String queue) {
        h.createQuery(notify).bind("channel", channel).bind("queue", queue).mapTo(String.class).list();
    }

    private static Pause pause(ResultSet rs, boolean expired, long pending) throws SQLException {
        return new Pause(rs.getString("queue"), rs.getString("kind"), rs.getString("reason"),
                rs.getString("paused_by"), QueueSql.instant(rs, "paused_at"), QueueSql.instant(rs, "until"),
                expired, pending);
    }
}
