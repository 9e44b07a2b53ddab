package io.jobfleet.db;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.jobfleet.support.Json;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;
import org.jdbi.v3.core.Jdbi;

/**
 * What {@code diagnose} looks at besides the stats: stuck jobs, failures, duplicates, workers, and
 * what a claim's index walk costs.
 */
public final class DiagnoseSql {
    private final Jdbi jdbi;
    private final String expiredLeases;
    private final String pastTimeout;
    private final String failures;
    private final String duplicates;
    private final String workersSeen;
    private final String idleQueues;
    private final String claimScan;

    DiagnoseSql(Jdbi jdbi, String schema) {
        this.jdbi = jdbi;
        this.expiredLeases = NamedSql.load("admin/expired_leases", schema);
        this.pastTimeout = NamedSql.load("admin/past_timeout", schema);
        this.failures = NamedSql.load("admin/failures", schema);
        this.duplicates = NamedSql.load("admin/duplicates", schema);
        this.workersSeen = NamedSql.load("admin/workers_seen", schema);
        this.idleQueues = NamedSql.load("admin/idle_queues", schema);
        this.claimScan = NamedSql.load("admin/claim_scan", schema);
    }

    /** Running jobs whose lease ran out, up to {@code limit} of them, with the full count. */
    public Listing<StuckJob> expiredLeases(String queue, int limit) {
        return stuck(expiredLeases, queue, limit);
    }

    /** Running jobs past their timeout, up to {@code limit} of them, with the full count. */
    public Listing<StuckJob> pastTimeout(String queue, int limit) {
        return stuck(pastTimeout, queue, limit);
    }

    private Listing<StuckJob> stuck(String sql, String queue, int limit) {
        long[] total = {0};
        List<StuckJob> rows = jdbi.withHandle(h -> h.createQuery(sql)
                .bind("queue", queue)
                .bind("limit", limit)
                .map((rs, ctx) -> {
                    total[0] = rs.getLong("total");
                    return AdminRows.stuckJob(rs);
                })
                .list());
        return new Listing<>(rows, total[0]);
    }

    public List<FailureGroup> failures(String queue, Duration window) {
        return jdbi.withHandle(h -> h.createQuery(failures)
                .bind("queue", queue)
                .bind("windowSeconds", AdminRows.seconds(window))
                .map((rs, ctx) -> new FailureGroup(rs.getString("queue"), rs.getString("error_class"),
                        rs.getLong("jobs"), rs.getLong("failed"), rs.getLong("retrying"), rs.getLong("example_id"),
                        rs.getString("example"), QueueSql.instant(rs, "last_at")))
                .list());
    }

    public List<DuplicateGroup> duplicates(String queue, int limit) {
        return jdbi.withHandle(h -> h.createQuery(duplicates)
                .bind("queue", queue)
                .bind("limit", limit)
                .map((rs, ctx) -> new DuplicateGroup(rs.getString("queue"), rs.getString("kind"), rs.getLong("jobs"),
                        AdminRows.longs(rs, "ids"), rs.getString("payload")))
                .list());
    }

    public List<WorkerSeen> workersSeen(String queue, Duration window) {
        return jdbi.withHandle(h -> h.createQuery(workersSeen)
                .bind("queue", queue)
                .bind("windowSeconds", AdminRows.seconds(window))
                .map((rs, ctx) -> new WorkerSeen(rs.getString("worker"), QueueSql.instant(rs, "last_seen"),
                        rs.getLong("running"), rs.getLong("live_leases"), rs.getLong("finished"),
                        AdminRows.strings(rs, "queues")))
                .list());
    }

    /** Queues whose due jobs waited longer than {@code stale} with no worker activity in the window. */
    public List<IdleQueue> idleQueues(String queue, Duration window, Duration stale) {
        return jdbi.withHandle(h -> h.createQuery(idleQueues)
                .bind("queue", queue)
                .bind("windowSeconds", AdminRows.seconds(window))
                .bind("staleSeconds", AdminRows.seconds(stale))
                .map((rs, ctx) -> new IdleQueue(rs.getString("queue"), rs.getLong("due"), rs.getDouble("lag_seconds")))
                .list());
    }

    /**
     * The pages of {@code jobs_claim_idx} (and of the table, for the row found) that finding the
     * queue's next pending job reads, as the claim would; empty when the plan does not walk that
     * index (a table too small for the planner to bother).
     */
    public OptionalLong claimScanPages(String queue) {
        String plan = jdbi.withHandle(h -> h.createQuery(claimScan).bind("queue", queue).mapTo(String.class).one());
        try {
            return indexWalk(Json.mapper().readTree(plan).path(0).path("Plan"));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("PostgreSQL's EXPLAIN gave no JSON: " + e.getOriginalMessage(), e);
        }
    }

    private static OptionalLong indexWalk(JsonNode node) {
        if ("jobs_claim_idx".equals(node.path("Index Name").asText())) {
            return OptionalLong.of(node.path("Shared Hit Blocks").asLong() + node.path("Shared Read Blocks").asLong());
        }
        for (JsonNode child : node.path("Plans")) {
            OptionalLong found = indexWalk(child);
            if (found.isPresent()) {
                return found;
            }
        }
        return OptionalLong.empty();
    }

    /** Some rows of a longer list, and how many there are in all. */
    public record Listing<T>(List<T> rows, long total) {
    }

    /** Unresolved failures of one error class in one queue: ended failed, or waiting for a retry. */
    public record FailureGroup(String queue, String errorClass, long jobs, long failed, long retrying,
                               long exampleId, String example, Instant lastAt) {
    }

    /** The same queue, kind and payload pending more than once ({@code ids}: the first ten). */
    public record DuplicateGroup(String queue, String kind, long jobs, List<Long> ids, String payload) {
    }

    /** A worker process seen holding jobs or finishing them in the window. */
    public record WorkerSeen(String worker, Instant lastSeen, long running, long liveLeases, long finished,
                             List<String> queues) {
    }

    /** A queue with due jobs and no worker activity. */
    public record IdleQueue(String queue, long due, double lagSeconds) {
    }
}
