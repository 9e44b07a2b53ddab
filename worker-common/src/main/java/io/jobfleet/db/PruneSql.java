package io.jobfleet.db;

import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/** Deletes finished jobs past their retention, in short batches. */
public final class PruneSql {
    /** The statuses a job may be pruned in. */
    public static final Set<String> FINISHED = Set.of("completed", "failed", "cancelled");
    private static final int LOCK_CLASS = 0x6a66; // "jf"

    private final Jdbi jdbi;
    private final String lockName;
    private final String count;
    private final String batch;
    private final String lock;

    PruneSql(Jdbi jdbi, String schema) {
        this.jdbi = jdbi;
        this.lockName = schema + ".prune";
        this.count = NamedSql.load("admin/prune_count", schema);
        this.batch = NamedSql.load("admin/prune_batch", schema);
        this.lock = NamedSql.load("admin/prune_lock", schema);
    }

    /** How many rows the filter selects now. */
    public long count(Filter f) {
        return jdbi.withHandle(h -> h.createQuery(count)
                .bind("statuses", f.statuses().toArray(String[]::new))
                .bind("olderThanSeconds", AdminRows.seconds(f.olderThan()))
                .mapTo(Long.class).one());
    }

    /** Deletes up to {@code size} rows in one transaction; returns how many. */
    public int deleteBatch(Filter f, int size) {
        return jdbi.inTransaction(h -> delete(h, f, size));
    }

    /**
     * Deletes up to {@code size} rows in one transaction, only when no other process is pruning
     * (advisory transaction lock). Empty when another one holds the lock.
     */
    public OptionalInt deleteBatchIfAlone(Filter f, int size) {
        return jdbi.inTransaction(h -> tryLock(h) ? OptionalInt.of(delete(h, f, size)) : OptionalInt.empty());
    }

    /** Takes the pruning lock for the rest of {@code h}'s transaction; false when another holds it. */
    public boolean tryLock(Handle h) {
        return h.createQuery(lock)
                .bind("lockClass", LOCK_CLASS)
                .bind("lockName", lockName)
                .mapTo(Boolean.class).one();
    }

    private int delete(Handle h, Filter f, int size) {
        return h.createUpdate(batch)
                .bind("statuses", f.statuses().toArray(String[]::new))
                .bind("olderThanSeconds", AdminRows.seconds(f.olderThan()))
                .bind("batch", size)
                .execute();
    }

    /** Finished jobs in {@code statuses} that finished more than {@code olderThan} ago. */
    public record Filter(List<String> statuses, Duration olderThan) {
        public Filter {
            statuses = List.copyOf(statuses);
            for (String s : statuses) {
                if (!FINISHED.contains(s)) {
                    throw new IllegalArgumentException("only finished jobs can be pruned (completed, failed, "
                            + "cancelled), not " + s);
                }
            }
            if (olderThan.isNegative()) {
                throw new IllegalArgumentException("the age of pruned jobs must not be negative");
            }
        }

        public static Filter allFinished(Duration olderThan) {
            return new Filter(List.of("completed", "failed", "cancelled"), olderThan);
        }
    }
}
