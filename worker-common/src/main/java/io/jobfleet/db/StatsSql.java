package io.jobfleet.db;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import org.jdbi.v3.core.Jdbi;

/** The numbers of {@code stats} (and the first part of {@code diagnose}), in one statement. */
public final class StatsSql {
    private final Jdbi jdbi;
    private final String stats;

    StatsSql(Jdbi jdbi, String schema) {
        this.jdbi = jdbi;
        this.stats = NamedSql.load("admin/stats", schema);
    }

    /** Per queue, ordered by name; {@code queue} null for every queue. */
    public List<QueueStats> stats(String queue, Duration window) {
        return jdbi.withHandle(h -> h.createQuery(stats)
                .bind("queue", queue)
                .bind("byKind", false)
                .bind("windowSeconds", AdminRows.seconds(window))
                .map((rs, ctx) -> queueStats(rs))
                .list());
    }

    /** Per queue and kind, ordered by both (the console's overview); {@code queue} null for every queue. */
    public List<KindStats> statsByKind(String queue, Duration window) {
        return jdbi.withHandle(h -> h.createQuery(stats)
                .bind("queue", queue)
                .bind("byKind", true)
                .bind("windowSeconds", AdminRows.seconds(window))
                .map((rs, ctx) -> new KindStats(rs.getString("kind"), queueStats(rs)))
                .list());
    }

    private static QueueStats queueStats(ResultSet rs) throws SQLException {
        return new QueueStats(rs.getString("queue"), rs.getLong("due"), rs.getLong("scheduled"),
                rs.getLong("running"), rs.getLong("completed"), rs.getLong("failed"),
                rs.getLong("cancelled"), AdminRows.nullableDouble(rs, "lag_seconds"),
                rs.getLong("completed_in_window"), rs.getLong("failed_in_window"),
                AdminRows.nullableDouble(rs, "avg_seconds"), AdminRows.nullableDouble(rs, "p95_seconds"),
                rs.getLong("running_with_progress"), AdminRows.nullableDouble(rs, "mean_progress"));
    }

    /** One kind's numbers within its queue ({@link QueueStats#queue()}). */
    public record KindStats(String kind, QueueStats stats) {
    }
}
