package io.jobfleet.db;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * {@code unlock}: running jobs with an expired (or no) lease back to pending, or failed when
 * their attempts are spent. The dry run and the execution select with the same statement. A job
 * unlocked to failed is flagged as owing its family's failure writes: this process may know no
 * family, so a worker of the job's kind runs them ({@link QueueSql#runOwedFailureWrites}).
 */
public final class UnlockSql {
    private static final int CHUNK = 500;

    private final Jdbi jdbi;
    private final String channel;
    private final String select;
    private final String unlock;
    private final String notify;

    UnlockSql(Jdbi jdbi, String schema) {
        this.jdbi = jdbi;
        this.channel = schema + ".jobs";
        this.select = NamedSql.load("admin/unlock_select", schema);
        this.unlock = NamedSql.load("admin/unlock", schema);
        this.notify = NamedSql.load("admin/notify", schema);
    }

    /** The rows {@link #execute} would change now; changes nothing. */
    public List<StuckJob> preview(Filter filter) {
        return jdbi.inTransaction(h -> {
            List<StuckJob> rows = select(h, filter);
            h.rollback();
            return rows;
        });
    }

    /**
     * In one transaction: locks the selected rows, unlocks them in chunks, and wakes the workers
     * of queues that got pending jobs. Returns the rows changed.
     */
    public List<Unlocked> execute(Filter filter, boolean force, String operator, BatchProgress progress) {
        return jdbi.inTransaction(h -> {
            List<Long> ids = select(h, filter).stream().map(StuckJob::id).toList();
            progress.total(ids.size());
            List<Unlocked> done = new ArrayList<>();
            for (int from = 0; from < ids.size(); from += CHUNK) {
                List<Long> chunk = ids.subList(from, Math.min(ids.size(), from + CHUNK));
                List<Unlocked> changed = h.createQuery(unlock)
                        .bind("ids", chunk.toArray(Long[]::new))
                        .bind("force", force)
                        .bind("operator", operator)
                        .map((rs, ctx) -> new Unlocked(rs.getLong("id"), rs.getString("queue"), rs.getString("kind"),
                                rs.getString("status"), rs.getInt("attempts")))
                        .list();
                done.addAll(changed);
                progress.advanced(chunk.size());
            }
            Set<String> wake = new TreeSet<>();
            // pending jobs to run again, failed ones for their failure writes
            done.forEach(u -> wake.add(u.queue()));
            for (String q : wake) {
                h.createQuery(notify).bind("channel", channel).bind("queue", q).mapTo(String.class).list();
            }
            return done;
        });
    }

    private List<StuckJob> select(Handle h, Filter f) {
        return h.createQuery(select)
                .bind("queue", f.queue())
                .bind("kind", f.kind())
                .bind("ids", f.ids().toArray(Long[]::new))
                .bind("olderThanSeconds", AdminRows.seconds(f.olderThan()))
                .map((rs, ctx) -> AdminRows.stuckJob(rs))
                .list();
    }

    /** Which stuck jobs to unlock: null queue or kind and empty ids mean any. */
    public record Filter(String queue, String kind, List<Long> ids, Duration olderThan) {
        public Filter {
            ids = ids == null ? List.of() : List.copyOf(ids);
            olderThan = olderThan == null ? Duration.ZERO : olderThan;
        }
    }

    /** A job as the unlock left it: {@code pending} or {@code failed}. */
    public record Unlocked(long id, String queue, String kind, String status, int attempts) {
    }
}
