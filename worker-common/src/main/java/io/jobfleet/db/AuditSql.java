package io.jobfleet.db;

import java.time.Instant;
import java.util.List;
import org.jdbi.v3.core.Jdbi;

/** The console's audit table: every action, who took it, on what and how many jobs it touched. */
public final class AuditSql {
    private final Jdbi jdbi;
    private final String insert;
    private final String recent;

    AuditSql(Jdbi jdbi, String schema) {
        this.jdbi = jdbi;
        this.insert = NamedSql.load("admin/audit_insert", schema);
        this.recent = NamedSql.load("admin/audit_recent", schema);
    }

    /** Records an action; {@code filterJson} (a JSON object) or {@code target} say what it applied to. */
    public long record(Entry e) {
        return jdbi.withHandle(h -> h.createQuery(insert)
                .bind("actor", e.actor())
                .bind("action", e.action())
                .bind("target", e.target())
                .bind("filter", e.filterJson())
                .bind("jobs", e.jobs())
                .bind("detail", e.detail())
                .mapTo(Long.class).one());
    }

    /** The newest {@code limit} entries. */
    public List<Recorded> recent(int limit) {
        return jdbi.withHandle(h -> h.createQuery(recent).bind("limit", limit)
                .map((rs, ctx) -> new Recorded(rs.getLong("id"), QueueSql.instant(rs, "at"),
                        new Entry(rs.getString("actor"), rs.getString("action"), rs.getString("target"),
                                rs.getString("filter"), rs.getLong("jobs"), rs.getString("detail"))))
                .list());
    }

    /** An action: {@code target} e.g. {@code job 42} or {@code queue ai}; {@code filterJson} null or a JSON object. */
    public record Entry(String actor, String action, String target, String filterJson, long jobs, String detail) {
    }

    /** A stored entry. */
    public record Recorded(long id, Instant at, Entry entry) {
    }
}
