package io.jobfleet.db;

import java.time.Duration;
import org.jdbi.v3.core.Jdbi;

/** What a running worker asks about itself: a round trip for readiness, its queue's depth for gauges. */
public final class HealthSql {
    private final Jdbi jdbi;
    private final String ping;
    private final String queueDepth;

    HealthSql(Jdbi jdbi, String schema) {
        this.jdbi = jdbi;
        this.ping = NamedSql.load("admin/ping", schema);
        this.queueDepth = NamedSql.load("admin/queue_depth", schema);
    }

    /** One {@code SELECT 1} through the pool; throws when it fails or takes longer than {@code timeout}. */
    public void ping(Duration timeout) {
        int seconds = (int) Math.max(1, (timeout.toMillis() + 999) / 1000);
        jdbi.useHandle(h -> h.createQuery(ping)
                .setQueryTimeout(seconds)
                .mapTo(Integer.class)
                .one());
    }

    public QueueDepth queueDepth(String queue) {
        return jdbi.withHandle(h -> h.createQuery(queueDepth)
                .bind("queue", queue)
                .map((rs, ctx) -> new QueueDepth(rs.getLong("due"), rs.getLong("scheduled"), rs.getLong("running"),
                        rs.getDouble("lag_seconds"), rs.getLong("paused") > 0, rs.getLong("paused_kinds"),
                        rs.getLong("caps"), rs.getLong("key_rules"), rs.getLong("rates")))
                .one());
    }

    /**
     * Pending jobs due now and scheduled for later, running jobs, the age of the oldest due job,
     * whether the whole queue is paused and how many of its kinds are.
     */
    public record QueueDepth(long due, long scheduled, long running, double lagSeconds, boolean paused,
                             long pausedKinds, long caps, long keyRules, long rates) {
    }
}
