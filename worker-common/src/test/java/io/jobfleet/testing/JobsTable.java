package io.jobfleet.testing;

import io.jobfleet.db.JobRow;
import io.jobfleet.db.NewJob;
import io.jobfleet.db.QueueSql;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Test access to the jobs table of a {@link TestDatabase}. */
public final class JobsTable {
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

    public List<JobRow> all() {
        return db.db().jdbi().withHandle(h -> h.createQuery("SELECT id, queue, kind, status, payload::text AS payload, "
                + "result::text AS result, priority, attempts, max_attempts, timeout_seconds, scheduled_at, dedup_key, "
                + "locked_by, lease_until, last_error, errors::text AS errors, created_at, updated_at, started_at, "
                + "completed_at FROM " + db.jobs() + " ORDER BY id")
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
