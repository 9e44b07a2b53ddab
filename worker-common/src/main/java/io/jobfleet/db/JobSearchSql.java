package io.jobfleet.db;

import com.fasterxml.jackson.databind.JsonNode;
import io.jobfleet.support.Json;
import java.time.Instant;
import java.time.ZoneOffset;
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
    /**
     * How many ids one page looks at, at most: a filter that matches few rows reads this stretch
     * of the primary key and table, not the whole table, and the next page looks at the stretch
     * below. Ids are dense (an identity), so it is about as many rows.
     */
    public static final long SCAN_WINDOW = 100_000;

    private final Jdbi jdbi;
    private final String search;
    private final String bounds;
    private final String detail;

    JobSearchSql(Jdbi jdbi, String schema) {
        this.jdbi = jdbi;
        this.search = NamedSql.load("admin/job_search", schema);
        this.bounds = NamedSql.load("admin/job_id_bounds", schema);
        this.detail = NamedSql.load("admin/job_detail", schema);
    }

    /**
     * Up to {@code limit} jobs matching {@code f} with ids below {@code beforeId} (null: from the
     * newest), looking at {@link #SCAN_WINDOW} ids at most. {@link Page#nextBefore()} continues
     * below: after the last row when the page is full, else below the stretch looked at.
     */
    public Page search(Filter f, Long beforeId, int limit) {
        return search(f, beforeId, limit, SCAN_WINDOW);
    }

    /** {@link #search(Filter, Long, int)} looking at {@code window} ids at most. */
    public Page search(Filter f, Long beforeId, int limit, long window) {
        int n = Math.max(1, Math.min(limit, MAX_PAGE));
        return jdbi.withHandle(h -> {
            long before = beforeId != null ? beforeId : h.createQuery(bounds).mapTo(Long.class).one();
            // a filter on one id needs no window: it is a primary-key lookup
            long floor = f.id() != null ? 0 : Math.max(0, before - window);
            List<Listed> rows = h.createQuery(search)
                    .bind("id", f.id())
                    .bind("beforeId", before)
                    .bind("floorId", floor)
                    .bind("queue", f.queue())
                    .bind("kind", f.kind())
                    .bind("status", f.status())
                    .bind("errorClass", f.errorClass())
                    .bind("createdFrom", f.createdFrom() == null ? null : f.createdFrom().atOffset(ZoneOffset.UTC))
                    .bind("createdTo", f.createdTo() == null ? null : f.createdTo().atOffset(ZoneOffset.UTC))
                    .bind("payloadKey", f.payloadKey())
                    .bind("payloadValue", f.payloadValue())
                    .bind("limit", n + 1)
                    .map((rs, ctx) -> new Listed(rs.getLong("id"), rs.getString("queue"), rs.getString("kind"),
                            rs.getString("status"), rs.getInt("attempts"), rs.getInt("max_attempts"),
                            QueueSql.instant(rs, "created_at"), QueueSql.instant(rs, "updated_at"),
                            QueueSql.instant(rs, "completed_at"), rs.getString("error_class"),
                            rs.getString("last_error")))
                    .list();
            if (rows.size() > n) {
                List<Listed> page = List.copyOf(rows.subList(0, n));
                return new Page(page, page.get(n - 1).id(), before, floor);
            }
            return new Page(rows, floor > 1 ? floor : null, before, floor);
        });
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

    /**
     * What to list; null fields match everything. {@code payloadKey} is one top-level field compared
     * as text when it is a string, number or boolean; an object or array never matches.
     */
    public record Filter(Long id, String queue, String kind, String status, String errorClass, Instant createdFrom,
                         Instant createdTo, String payloadKey, String payloadValue) {
        public static final Filter ALL = new Filter(null, null, null, null, null, null, null, null, null);

        public Filter {
            if ((payloadKey == null) != (payloadValue == null)) {
                throw new IllegalArgumentException("a payload filter needs a field and a value, e.g. payload.user_id = u-7");
            }
        }
    }

    /**
     * One page: its rows, newest first; where the next page starts (null: nothing older); and the
     * stretch of ids it looked at, {@code [lookedFrom, lookedBelow)}.
     */
    public record Page(List<Listed> rows, Long nextBefore, long lookedBelow, long lookedFrom) {
    }

    /** A job as the list shows it. */
    public record Listed(long id, String queue, String kind, String status, int attempts, int maxAttempts,
                         Instant createdAt, Instant updatedAt, Instant completedAt, String errorClass,
                         String lastError) {
    }
}
