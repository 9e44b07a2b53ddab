package io.jobfleet.testing;

import io.jobfleet.db.JobRow;
import io.jobfleet.db.NewJob;
import io.jobfleet.db.QueueSql;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.awaitility.Awaitility;

/** Test access to the jobs table of a {@link TestDatabase}. */
public final class JobsTable {
    private static final Set<String> FINISHED = Set.of("completed", "failed", "cancelled");
    private final TestDatabase db;

    public JobsTable(TestDatabase db) {
        this.db = db;
    }

    public long enqueue(NewJob job) {
        return db.db().queue().enqueue(job);
    }

    public long enqueue(String queue, String kind, String payload) {
        return enqueue(NewJob.of(queue, kind, payload));
    }

    public JobRow get(long id) {
        return db.db().queue().find(id).orElseThrow(() -> new AssertionError("job " + id + " not found"));
    }

    /** The checkpoints job {@code id} holds: name to JSON value (schema version 11). */
    public Map<String, String> checkpoints(long id) {
        return db.db().jdbi().withHandle(h -> h.createQuery("SELECT name, value::text AS value FROM "
                        + db.table("checkpoints") + " WHERE job_id = :id ORDER BY name")
                .bind("id", id)
                .reduceRows(new java.util.TreeMap<String, String>(), (m, rv) -> {
                    m.put(rv.getColumn("name", String.class), rv.getColumn("value", String.class));
                    return m;
                }));
    }

    /** Checkpoints of every job. */
    public long checkpointCount() {
        return db.db().jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM " + db.table("checkpoints"))
                .mapTo(Long.class).one());
    }

    /** Waits until the job is completed, failed or cancelled, and returns it. */
    public JobRow awaitFinished(long id) {
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(20))
                .until(() -> FINISHED.contains(get(id).status()));
        return get(id);
    }

    public List<JobRow> all() {
        return db.db().jdbi().withHandle(h -> h.createQuery("SELECT id, queue, kind, status, payload::text AS payload, "
                + "result::text AS result, priority, attempts, max_attempts, timeout_seconds, scheduled_at, dedup_key, "
                + "locked_by, lease_until, last_error, errors::text AS errors, created_at, updated_at, started_at, "
                + "completed_at, progress::text AS progress FROM " + db.jobs() + " ORDER BY id")
                .map((rs, ctx) -> QueueSql.jobRow(rs)).list());
    }

    public Map<String, Long> countByStatus() {
        return all().stream().collect(Collectors.groupingBy(JobRow::status, Collectors.counting()));
    }

    public long count(String status) {
        return db.db().jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM " + db.jobs() + " WHERE status = :s")
                .bind("s", status).mapTo(Long.class).one());
    }
}
