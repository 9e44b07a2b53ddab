package io.jobfleet.db;

import com.fasterxml.jackson.databind.JsonNode;
import io.jobfleet.support.Json;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/**
 * The console's jobs list and job detail: a filtered list paged by keyset (newest first, the
 * primary key walked backwards), and one job with every column of the schema in use.
 */
public final class JobSearchSql {
    /** The largest page the list returns. */
    public static final int MAX_PAGE = 500;

    private final Jdbi jdbi;
    private final String search;
    private final String detail;

    JobSearchSql(Jdbi jdbi, String schema) {
        this.jdbi = jdbi;
        this.search = NamedSql.load("admin/job_search", schema);
        this.detail = NamedSql.load("admin/job_detail", schema);
    }

    /** Up to {@code limit} jobs matching {@code f} with ids below {@code beforeId} (null: from the newest). */
    public List<Listed> search(Filter f, Long beforeId, int limit) {
        int n = Math.max(1, Math.min(limit, MAX_PAGE));
        return jdbi.withHandle(h -> h.createQuery(search)
                .bind("id", f.id())
                .bind("beforeId", beforeId)
                .bind("queue", f.queue())
                .bind("kind", f.kind())
                .bind("status", f.status())
                .bind("errorClass", f.errorClass())
                .bind("createdFrom", f.createdFrom() == null ? null : f.createdFrom().atOffset(java.time.ZoneOffset.UTC))
                .bind("createdTo", f.createdTo() == null ? null : f.createdTo().atOffset(java.time.ZoneOffset.UTC))
                .bind("payloadKey", f.payloadKey())
                .bind("payloadValue", f.payloadValue())
                .bind("limit", n)
                .map((rs, ctx) -> new Listed(rs.getLong("id"), rs.getString("queue"), rs.getString("kind"),
                        rs.getString("status"), rs.getInt("attempts"), rs.getInt("max_attempts"),
                        QueueSql.instant(rs, "created_at"), QueueSql.instant(rs, "updated_at"),
                        QueueSql.instant(rs, "completed_at"), rs.getString("error_class"), rs.getString("last_error")))
                .list());
    }

    /** Every column of one job as JSON (columns of later schema versions included when present). */
    public Optional<JsonNode> detail(long id) {
        return jdbi.withHandle(h -> h.createQuery(detail).bind("id", id)
                .map((rs, ctx) -> rs.getString("job")).findOne())
                .map(JobSearchSql::tree);
    }

    private static JsonNode tree(String json) {
        try {
            return Json.mapper().readTree(json);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("the database returned a job that is not JSON", e);
        }
    }

    /** The text of the list statement, for EXPLAIN in tests and benchmarks. */
    public String searchSql() {
        return search;
    }

    /** What to list; null fields match everything. {@code payloadKey} is one top-level field compared as text. */
    public record Filter(Long id, String queue, String kind, String status, String errorClass, Instant createdFrom,
                         Instant createdTo, String payloadKey, String payloadValue) {
        public static final Filter ALL = new Filter(null, null, null, null, null, null, null, null, null);

        public Filter {
            if ((payloadKey == null) != (payloadValue == null)) {
                throw new IllegalArgumentException("a payload filter needs a field and a value, e.g. payload.user_id = u-7");
            }
        }
    }

    /** A job as the list shows it. */
    public record Listed(long id, String queue, String kind, String status, int attempts, int maxAttempts,
                         Instant createdAt, Instant updatedAt, Instant completedAt, String errorClass,
                         String lastError) {
    }
}
