package io.jobfleet.db;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.jdbi.v3.core.Jdbi;

/**
 * The registry of live worker processes (table {@code workers}, schema version 12): each worker
 * upserts its row at start, when what it holds changes and at least every 30 s, and deletes it at a
 * graceful stop.
 */
public final class WorkerRegistrySql {
    /** Heartbeat periods without a refresh after which a row belongs to a process that is gone. */
    public static final int STALE_BEATS = 3;

    private final Jdbi jdbi;
    private final String upsert;
    private final String remove;
    private final String list;
    private final String prune;

    WorkerRegistrySql(Jdbi jdbi, String schema) {
        this.jdbi = jdbi;
        this.upsert = NamedSql.load("admin/worker_upsert", schema);
        this.remove = NamedSql.load("admin/worker_remove", schema);
        this.list = NamedSql.load("admin/workers", schema);
        this.prune = NamedSql.load("admin/workers_prune", schema);
    }

    /** Inserts the row, or refreshes its {@code seen_at} and {@code held}: one statement. */
    public void upsert(Registration r, int held) {
        jdbi.useHandle(h -> h.createUpdate(upsert)
                .bind("workerId", r.workerId())
                .bind("host", r.host())
                .bind("pid", r.pid())
                .bind("version", r.version())
                .bind("queue", r.queue())
                .bind("kinds", r.kinds().toArray(String[]::new))
                .bind("concurrency", r.concurrency())
                .bind("held", held)
                .bind("heartbeatSeconds", AdminRows.seconds(r.heartbeat()))
                .execute());
    }

    public void remove(String workerId) {
        jdbi.useHandle(h -> h.createUpdate(remove).bind("workerId", workerId).execute());
    }

    /** Every row, stale ones marked {@link Worker#gone()}. */
    public List<Worker> list() {
        return jdbi.withHandle(h -> h.createQuery(list).bind("staleBeats", STALE_BEATS)
                .map((rs, ctx) -> new Worker(rs.getString("worker_id"), rs.getString("host"), rs.getLong("pid"),
                        rs.getString("version"), rs.getString("queue"), AdminRows.strings(rs, "kinds"),
                        rs.getInt("concurrency"), rs.getInt("held"), QueueSql.instant(rs, "started_at"),
                        QueueSql.instant(rs, "seen_at"), rs.getBoolean("gone")))
                .list());
    }

    /** Deletes the rows not refreshed for {@code after}; returns their worker ids. */
    public List<String> pruneStale(Duration after) {
        return jdbi.withHandle(h -> h.createQuery(prune).bind("afterSeconds", AdminRows.seconds(after))
                .mapTo(String.class).list());
    }

    /** What a worker process writes about itself. */
    public record Registration(String workerId, String host, long pid, String version, String queue,
                               List<String> kinds, int concurrency, Duration heartbeat) {
        public Registration {
            kinds = List.copyOf(kinds);
        }
    }

    /** A registry row as read. */
    public record Worker(String workerId, String host, long pid, String version, String queue, List<String> kinds,
                         int concurrency, int held, Instant startedAt, Instant seenAt, boolean gone) {
    }
}
