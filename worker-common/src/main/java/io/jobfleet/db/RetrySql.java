package io.jobfleet.db;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

/** {@code retry}: failed or cancelled jobs back to pending with their attempts reset. */
public final class RetrySql {
    private static final String UNIQUE_VIOLATION = "23505";

    private final Jdbi jdbi;
    private final String channel;
    private final String retryJob;
    private final String dedupHolder;
    private final String countFailed;
    private final String retryFailedBatch;
    private final String notify;

    RetrySql(Jdbi jdbi, String schema) {
        this.jdbi = jdbi;
        this.channel = schema + ".jobs";
        this.retryJob = NamedSql.load("admin/retry_job", schema);
        this.dedupHolder = NamedSql.load("admin/dedup_holder", schema);
        this.countFailed = NamedSql.load("admin/retry_failed_count", schema);
        this.retryFailedBatch = NamedSql.load("admin/retry_failed_batch", schema);
        this.notify = NamedSql.load("admin/notify", schema);
    }

    /**
     * Retries one failed or cancelled job. {@link RetryOne#retried()} is false when the job was in
     * another state (or missing); {@link RetryOne#dedupHolder()} names the job already holding its
     * dedup key when that refused it.
     */
    public RetryOne retry(long id) {
        try {
            Optional<String> queue = jdbi.inTransaction(h -> {
                Optional<String> q = h.createQuery(retryJob).bind("id", id)
                        .map((rs, ctx) -> rs.getString("queue")).findOne();
                q.ifPresent(name -> notify(h, name));
                return q;
            });
            return new RetryOne(queue.isPresent(), Optional.empty());
        } catch (UnableToExecuteStatementException e) {
            if (!isUniqueViolation(e)) {
                throw e;
            }
            Optional<Long> holder = jdbi.withHandle(h -> h.createQuery(dedupHolder).bind("id", id)
                    .map((rs, ctx) -> rs.getLong("id")).findFirst());
            return new RetryOne(false, holder.or(() -> Optional.of(0L)));
        }
    }

    /** How many failed jobs the filter selects. */
    public long countFailed(Filter f) {
        return jdbi.withHandle(h -> bindFilter(h.createQuery(countFailed), f).mapTo(Long.class).one());
    }

    /** Retries up to {@code batch} failed jobs with ids above {@code afterId}, in one short transaction. */
    public Batch retryFailedBatch(Filter f, long afterId, int batch) {
        return jdbi.inTransaction(h -> {
            List<Long> retried = new ArrayList<>();
            List<Long> skipped = new ArrayList<>();
            Set<String> wake = new TreeSet<>();
            bindFilter(h.createQuery(retryFailedBatch), f)
                    .bind("afterId", afterId)
                    .bind("batch", batch)
                    .map((rs, ctx) -> {
                        long id = rs.getLong("id");
                        if (rs.getBoolean("retried")) {
                            retried.add(id);
                            wake.add(rs.getString("queue"));
                        } else {
                            skipped.add(id);
                        }
                        return id;
                    })
                    .list();
            for (String q : wake) {
                notify(h, q);
            }
            long last = Math.max(retried.stream().mapToLong(Long::longValue).max().orElse(afterId),
                    skipped.stream().mapToLong(Long::longValue).max().orElse(afterId));
            return new Batch(retried, skipped, last);
        });
    }

    /**
     * Retries every failed job the filter selects, {@code batch} per short transaction, telling
     * {@code progress}; returns how many were retried and the ids skipped for a dedup key in use.
     */
    public Retried retryFailed(Filter f, int batch, BatchProgress progress) {
        progress.total(countFailed(f));
        long retried = 0;
        List<Long> skipped = new ArrayList<>();
        long after = 0;
        while (true) {
            Batch b = retryFailedBatch(f, after, batch);
            if (b.isEmpty()) {
                return new Retried(retried, List.copyOf(skipped));
            }
            retried += b.retried().size();
            skipped.addAll(b.skipped());
            after = b.lastId();
            progress.advanced(b.retried().size() + b.skipped().size());
        }
    }

    private <S extends org.jdbi.v3.core.statement.SqlStatement<S>> S bindFilter(S statement, Filter f) {
        return statement.bind("queue", f.queue())
                .bind("kind", f.kind())
                .bind("errorClass", f.errorClass())
                .bind("sinceSeconds", f.since() == null ? 0.0 : AdminRows.seconds(f.since()));
    }

    private void notify(Handle h, String queue) {
        h.createQuery(notify).bind("channel", channel).bind("queue", queue).mapTo(String.class).list();
    }

    private static boolean isUniqueViolation(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.sql.SQLException se && UNIQUE_VIOLATION.equals(se.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    /**
     * Which failed jobs to retry: null queue, kind or error class (of the last attempt) mean any;
     * {@code since} null means any age.
     */
    public record Filter(String queue, String kind, String errorClass, Duration since) {
        public Filter(String queue, String kind, Duration since) {
            this(queue, kind, null, since);
        }
    }

    /** What {@link #retryFailed} did. */
    public record Retried(long retried, List<Long> skipped) {
    }

    /** How a single retry went. */
    public record RetryOne(boolean retried, Optional<Long> dedupHolder) {
    }

    /** One batch: the jobs retried, those skipped for a dedup key in use, and the last id seen. */
    public record Batch(List<Long> retried, List<Long> skipped, long lastId) {
        public boolean isEmpty() {
            return retried.isEmpty() && skipped.isEmpty();
        }
    }
}
