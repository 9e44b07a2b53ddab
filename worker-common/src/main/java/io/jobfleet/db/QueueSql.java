package io.jobfleet.db;

import io.jobfleet.support.StoredText;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import javax.sql.DataSource;
import org.jdbi.v3.core.ConnectionException;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

/**
 * Every statement the engine runs on the queue, in one place. The SQL text lives in named files
 * beside this class ({@code sql/*.sql}); {@code {schema}} in them is replaced by the configured,
 * validated schema name. Every value is a bound parameter.
 */
public final class QueueSql {
    private final Jdbi jdbi;
    /** The pool Jdbi draws from, for the statements run on JDBC directly ({@link DirectStatement}). */
    private final DataSource pool;
    private final String schema;
    private final DirectStatement claim;
    private final DirectStatement claimPlain;
    private final DirectStatement explainClaim;
    private final DirectStatement dueLeft;
    private final String heartbeat;
    private final String lockHeld;
    private final DirectStatement complete;
    private final String completeBatch;
    private final String fail;
    private final String snooze;
    private final String handBack;
    private final String rescue;
    private final String notify;
    private final DirectStatement enqueue;
    private final String findJob;
    private final String cancel;
    private final String failureWrites;
    /**
     * How long a queue found to have flow-control rules is claimed with {@code claim.sql} alone
     * before {@code claim_plain.sql} is tried again: a rule removed meanwhile costs only the
     * longer statement, never a wrong claim.
     */
    static final Duration RULES_RECHECK = Duration.ofSeconds(10);
    // queue -> when its rules were last met (nano clock)
    private final ConcurrentHashMap<String, Long> ruledQueues = new ConcurrentHashMap<>();

    QueueSql(Jdbi jdbi, DataSource pool, String schema) {
        this.jdbi = jdbi;
        this.pool = pool;
        this.schema = schema;
        this.claim = new DirectStatement(load("claim"));
        this.claimPlain = new DirectStatement(load("claim_plain"));
        this.explainClaim = claimPlain.prefixed("EXPLAIN (ANALYZE, BUFFERS) ");
        this.dueLeft = new DirectStatement(load("due_left"));
        this.heartbeat = load("heartbeat");
        this.lockHeld = load("lock_held");
        this.complete = new DirectStatement(load("complete"));
        this.completeBatch = load("complete_batch");
        this.fail = load("fail");
        this.snooze = load("snooze");
        this.handBack = load("hand_back");
        this.rescue = load("rescue");
        this.notify = load("notify");
        this.enqueue = new DirectStatement(load("enqueue"));
        this.findJob = load("find_job");
        this.cancel = load("cancel");
        this.failureWrites = load("failure_writes");
    }

    /** Loads a named statement from {@code sql/NAME.sql} with the schema filled in. */
    String load(String name) {
        return NamedSql.load(name, schema);
    }

    public String schema() {
        return schema;
    }

    public String channel() {
        return schema + ".jobs";
    }

    /** Claims up to {@code limit} due jobs of {@code queue}, best first, on the database's clock. */
    public List<ClaimedJob> claim(String queue, String worker, int limit, Duration lease) {
        return claim(queue, worker, limit, lease, null);
    }

    /**
     * Claims up to {@code limit} jobs of {@code queue} due at {@code now} (null: the transaction's
     * {@code now()}), best first.
     */
    public List<ClaimedJob> claim(String queue, String worker, int limit, Duration lease, Instant now) {
        return claimRound(queue, worker, limit, lease, now).jobs();
    }

    /**
     * One claim round: up to {@code limit} jobs of {@code queue} due at {@code now} (null: the
     * transaction's {@code now()}), best first, and, when a rate limit held jobs back, how soon its
     * next token is due. A queue that no flow-control rule names is claimed by {@code
     * claim_plain.sql}, which checks that in its own snapshot and steps aside when a rule exists;
     * the round then claims with {@code claim.sql}, and so does every round of that queue for the
     * next {@link #RULES_RECHECK}, without asking first.
     */
    public ClaimRound claimRound(String queue, String worker, int limit, Duration lease, Instant now) {
        Long ruledAt = ruledQueues.get(queue);
        if (ruledAt == null || System.nanoTime() - ruledAt >= RULES_RECHECK.toNanos()) {
            Optional<ClaimRound> plain = claimPlain(queue, worker, limit, lease, now);
            if (plain.isPresent()) {
                ruledQueues.remove(queue);
                return plain.get();
            }
            ruledQueues.put(queue, System.nanoTime());
        }
        List<ClaimedJob> jobs = new ArrayList<>();
        Duration[] retryIn = {null};
        onPool(c -> claim.query(c, claimValues(queue, worker, limit, lease, now), rs -> {
            while (rs.next()) {
                if (rs.getObject("id") == null) {
                    retryIn[0] = Duration.ofNanos((long) (rs.getDouble("retry_in_seconds") * 1e9));
                } else {
                    jobs.add(claimedJob(rs));
                }
            }
            return jobs;
        }));
        return new ClaimRound(bestFirst(jobs), retryIn[0], false);
    }

    /**
     * The claim round of a queue without flow-control rules ({@code claim_plain.sql}), or empty
     * when a rule of the queue exists (nothing was claimed or locked; claim with {@code
     * claim.sql}).
     */
    Optional<ClaimRound> claimPlain(String queue, String worker, int limit, Duration lease, Instant now) {
        return onPool(c -> claimPlain.query(c, claimValues(queue, worker, limit, lease, now), rs -> {
            List<ClaimedJob> jobs = new ArrayList<>();
            while (rs.next()) {
                if (rs.getBoolean("ruled")) {
                    return Optional.empty();
                }
                jobs.add(claimedJob(rs));
            }
            return Optional.of(new ClaimRound(bestFirst(jobs), null, true));
        }));
    }

    /**
     * Whether due pending jobs of {@code queue} (at {@code now}; null: the database's clock) are
     * left, in a snapshot taken now ({@code due_left.sql}): after a plain round that took fewer
     * jobs than its limit, whether it skipped rows another transaction held.
     */
    public boolean dueLeft(String queue, Instant now) {
        return onPool(c -> dueLeft.query(c, name -> switch (name) {
            case "now" -> at(now);
            case "queue" -> queue;
            default -> throw unknownParameter("due_left", name);
        }, ResultSet::next));
    }

    private static ClaimedJob claimedJob(ResultSet rs) throws SQLException {
        return new ClaimedJob(rs.getLong("id"), rs.getString("queue"), rs.getString("kind"),
                rs.getString("payload"), rs.getInt("priority"), rs.getInt("attempts"),
                rs.getInt("max_attempts"), rs.getInt("timeout_seconds"),
                instant(rs, "scheduled_at"), instant(rs, "created_at"), rs.getLong("claim_token"),
                rs.getString("traceparent"));
    }

    /** Sorts {@code jobs} into claim order, highest priority first, then oldest (the statements return them in no order). */
    private static List<ClaimedJob> bestFirst(List<ClaimedJob> jobs) {
        jobs.sort((a, b) -> a.priority() != b.priority() ? Integer.compare(b.priority(), a.priority())
                : a.scheduledAt().compareTo(b.scheduledAt()) != 0 ? a.scheduledAt().compareTo(b.scheduledAt())
                : Long.compare(a.id(), b.id()));
        return jobs;
    }

    /**
     * What one claim round took; when a rate limit held jobs back, how soon its next token is due
     * ({@code retryIn}; null when no rate limit stopped the round); and whether the plain statement
     * took them ({@code plain}: a queue without flow-control rules, whose due jobs left over {@link
     * #dueLeft} can tell; after a round by the rules it cannot be told).
     */
    public record ClaimRound(List<ClaimedJob> jobs, Duration retryIn, boolean plain) {
    }

    /**
     * The plan of one claim of up to {@code limit} jobs of {@code queue} by the statement of a
     * queue without flow-control rules ({@code claim_plain.sql}), as run now ({@code EXPLAIN
     * ANALYZE, BUFFERS}, in a transaction that is rolled back: nothing is claimed). For benchmarks
     * and diagnosis: it shows whether the claim reads only its batch.
     */
    public String explainClaim(String queue, int limit, Duration lease) {
        return jdbi.withHandle(h -> {
            h.begin();
            try {
                return on(h.getConnection(), c -> explainClaim.query(c, claimValues(queue, "explain", limit, lease, null),
                        rs -> {
                            List<String> lines = new ArrayList<>();
                            while (rs.next()) {
                                lines.add(rs.getString(1));
                            }
                            return String.join("\n", lines);
                        }));
            } finally {
                h.rollback();
            }
        });
    }

    private static Function<String, Object> claimValues(String queue, String worker, int limit, Duration lease,
                                                        Instant now) {
        return name -> switch (name) {
            case "now" -> at(now);
            case "queue" -> queue;
            case "worker" -> worker;
            case "limit" -> limit;
            case "leaseSeconds" -> seconds(lease);
            default -> throw unknownParameter("claim", name);
        };
    }

    /** Renews leases from {@code now} (null: the database's); returns the ids still held by this worker. */
    public Set<Long> heartbeat(String worker, List<Held> held, Duration lease, Instant now) {
        if (held.isEmpty()) {
            return Set.of();
        }
        return jdbi.withHandle(h -> new HashSet<>(h.createQuery(heartbeat)
                .bind("now", at(now))
                .bind("worker", worker)
                .bind("leaseSeconds", seconds(lease))
                .bind("ids", held.stream().mapToLong(Held::id).boxed().toArray(Long[]::new))
                .bind("tokens", tokens(held))
                .mapTo(Long.class)
                .list()));
    }

    /** Locks the job row inside {@code handle}'s transaction while this worker still holds the attempt. */
    public boolean lockIfHeld(Handle handle, Held held, String worker) {
        return handle.createQuery(lockHeld)
                .bind("id", held.id()).bind("token", held.token()).bind("worker", worker)
                .mapTo(Long.class).findOne().isPresent();
    }

    /** Fenced completion inside {@code handle}'s transaction; false when the attempt is no longer held. */
    public boolean complete(Handle handle, Held held, String worker, String resultJson) {
        return on(handle.getConnection(), c -> complete(c, held, worker, resultJson));
    }

    private boolean complete(Connection c, Held held, String worker, String resultJson) throws SQLException {
        return complete.query(c, name -> switch (name) {
            case "id" -> held.id();
            case "token" -> held.token();
            case "worker" -> worker;
            case "result" -> resultJson;
            default -> throw unknownParameter("complete", name);
        }, ResultSet::next);
    }

    /**
     * Fenced completion of several attempts in one statement, each with the result at its
     * position; returns the ids completed (the others were no longer held by this worker).
     * One attempt alone, the usual case of a worker that is not saturated, is completed by the
     * one-row statement ({@code complete.sql}): the batch statement's plan depends on how many
     * attempts its arrays hold, so on a table with statistics PostgreSQL planned it again at every
     * execution (its generic plan, costed for an array of ten, never beat a one-element custom
     * plan), about a third of a millisecond of the server's time per completion, more than running
     * it; the one-row statement's plan is made once per connection (SingleCompletionPlanTest). It
     * runs on JDBC directly, as the enqueue and the claim do ({@link DirectStatement}).
     */
    public Set<Long> completeBatch(String worker, List<Held> held, List<String> resultsJson) {
        if (held.size() != resultsJson.size()) {
            throw new IllegalArgumentException(held.size() + " finished attempts but " + resultsJson.size() + " results");
        }
        if (held.size() == 1) {
            Held one = held.get(0);
            return onPool(c -> complete(c, one, worker, resultsJson.get(0))) ? Set.of(one.id()) : Set.of();
        }
        return jdbi.withHandle(h -> new HashSet<>(h.createQuery(completeBatch)
                .bind("worker", worker)
                .bind("ids", held.stream().mapToLong(Held::id).boxed().toArray(Long[]::new))
                .bind("tokens", tokens(held))
                .bind("results", resultsJson.toArray(String[]::new))
                .mapTo(Long.class)
                .list()));
    }

    /**
     * Fenced failure of one attempt inside {@code handle}'s transaction, retried {@code delay} after
     * {@code now} (null: the database's); empty when no longer held.
     */
    public Optional<FailOutcome> fail(Handle handle, Held held, String worker, FailureRecord failure, Instant now) {
        return handle.createQuery(fail)
                .bind("now", at(now))
                .bind("id", held.id()).bind("token", held.token()).bind("worker", worker)
                .bind("errorClass", failure.errorClass()).bind("message", failure.message())
                .bind("permanent", failure.permanent())
                .bind("delaySeconds", seconds(failure.delay()))
                .map((rs, ctx) -> new FailOutcome(rs.getString("status"), instant(rs, "scheduled_at")))
                .findOne();
    }

    /**
     * Fenced snooze of one attempt inside {@code handle}'s transaction: back to pending {@code delay}
     * after {@code now} (null: the database's) with the attempt given back, or failed when the job
     * has snoozed its {@code max_snoozes}; empty when no longer held.
     */
    public Optional<SnoozeOutcome> snooze(Handle handle, Held held, String worker, String reason, Duration delay,
                                          Instant now) {
        return handle.createQuery(snooze)
                .bind("now", at(now))
                .bind("id", held.id()).bind("token", held.token()).bind("worker", worker)
                .bind("reason", reason)
                .bind("delaySeconds", seconds(delay))
                .map((rs, ctx) -> new SnoozeOutcome(rs.getString("status"), instant(rs, "scheduled_at"),
                        rs.getString("last_error")))
                .findOne();
    }

    /** Gives attempts back to pending without charging them, and wakes the queues' workers. */
    public int handBack(String worker, List<Held> held) {
        if (held.isEmpty()) {
            return 0;
        }
        return jdbi.inTransaction(h -> {
            Set<String> queues = new TreeSet<>();
            int[] count = {0};
            h.createQuery(handBack)
                    .bind("worker", worker)
                    .bind("ids", held.stream().mapToLong(Held::id).boxed().toArray(Long[]::new))
                    .bind("tokens", tokens(held))
                    .map((rs, ctx) -> rs.getString("queue"))
                    .forEach(q -> {
                        queues.add(q);
                        count[0]++;
                    });
            for (String q : queues) {
                notify(h, q);
            }
            return count[0];
        });
    }

    /**
     * Rescues a batch of orphaned jobs and tells when the next lease expires. Jobs whose attempts
     * are spent are failed only when their kind is in {@code kinds}; {@code onFailed} then runs for
     * each of them inside the same transaction.
     */
    public RescueOutcome rescue(String worker, int batch, Collection<String> kinds, RescueHook onFailed, Instant now) {
        return jdbi.inTransaction(h -> {
            List<Rescued> rescued = new ArrayList<>();
            Double[] next = {null};
            boolean[] anyPending = {false};
            h.createQuery(rescue)
                    .bind("now", at(now))
                    .bind("worker", worker)
                    .bind("batch", batch)
                    .bind("kinds", kinds.toArray(String[]::new))
                    .map((rs, ctx) -> {
                        long id = rs.getLong("id");
                        if (rs.wasNull()) {
                            double s = rs.getDouble("next_expiry_seconds");
                            next[0] = rs.wasNull() ? null : s;
                            anyPending[0] = rs.getBoolean("any_pending");
                        } else {
                            rescued.add(new Rescued(id, rs.getString("queue"), rs.getString("kind"),
                                    rs.getString("status"), rs.getInt("attempts"), rs.getString("locked_by"),
                                    rs.getString("payload"), rs.getString("last_error")));
                        }
                        return id;
                    })
                    .list();
            for (Rescued r : rescued) {
                if (r.status().equals("failed")) {
                    onFailed.failed(h, r);
                }
            }
            Set<String> wake = new TreeSet<>();
            rescued.stream().filter(r -> r.status().equals("pending")).forEach(r -> wake.add(r.queue()));
            for (String q : wake) {
                notify(h, q);
            }
            Duration untilNext = next[0] == null ? null : Duration.ofMillis((long) Math.ceil(next[0] * 1000));
            return new RescueOutcome(rescued, Optional.ofNullable(untilNext), anyPending[0]);
        });
    }

    /**
     * Runs the failure writes owed by up to {@code batch} jobs of {@code kinds} that ended without
     * them (cancelled after an attempt started, unlocked to failed): clears their flag and calls
     * {@code writes} for each, in one transaction. Returns the jobs it ran them for.
     */
    public List<Ended> runOwedFailureWrites(int batch, Collection<String> kinds, EndedHook writes) {
        if (kinds.isEmpty()) {
            return List.of();
        }
        return jdbi.inTransaction(h -> {
            List<Ended> ended = h.createQuery(failureWrites)
                    .bind("batch", batch)
                    .bind("kinds", kinds.toArray(String[]::new))
                    .map((rs, ctx) -> new Ended(rs.getLong("id"), rs.getString("queue"), rs.getString("kind"),
                            rs.getString("status"), rs.getInt("attempts"), rs.getString("payload"),
                            rs.getString("error_class"), rs.getString("message")))
                    .list();
            for (Ended e : ended) {
                writes.ended(h, e);
            }
            return ended;
        });
    }

    private void notify(Handle h, String queue) {
        h.createQuery(notify).bind("channel", channel()).bind("queue", queue).mapTo(String.class).list();
    }

    public long enqueue(NewJob job) {
        return onPool(c -> enqueue(c, job));
    }

    /** Enqueues inside the caller's transaction; returns the new id, or the existing one for a dedup key. */
    public long enqueue(Handle h, NewJob job) {
        return on(h.getConnection(), c -> enqueue(c, job));
    }

    private long enqueue(Connection c, NewJob job) throws SQLException {
        return enqueue.query(c, name -> switch (name) {
            case "queue" -> job.queue();
            case "kind" -> job.kind();
            case "payload" -> job.payload();
            case "priority" -> job.priority();
            case "delaySeconds" -> seconds(job.delay());
            case "dedupKey" -> job.dedupKey();
            case "maxAttempts" -> job.maxAttempts();
            case "timeoutSeconds" -> job.timeoutSeconds();
            case "concurrencyKey" -> job.concurrencyKey();
            case "traceparent" -> job.traceparent();
            default -> throw unknownParameter("enqueue", name);
        }, rs -> {
            rs.next();
            return rs.getLong(1);
        });
    }

    /**
     * Runs {@code work} on a connection of the pool, in autocommit; a connection that cannot be had
     * is Jdbi's {@link ConnectionException}, as for every other statement.
     */
    private <T> T onPool(OnConnection<T> work) {
        Connection c;
        try {
            c = pool.getConnection();
        } catch (SQLException e) {
            throw new ConnectionException(e);
        }
        return on(c, open -> {
            try (open) {
                return work.run(open);
            }
        });
    }

    /** Runs {@code work} on {@code c}; a statement that fails is Jdbi's exception, as for every other statement. */
    private static <T> T on(Connection c, OnConnection<T> work) {
        try {
            return work.run(c);
        } catch (SQLException e) {
            throw new UnableToExecuteStatementException(e, null);
        }
    }

    @FunctionalInterface
    private interface OnConnection<T> {
        T run(Connection c) throws SQLException;
    }

    private static IllegalStateException unknownParameter(String statement, String name) {
        return new IllegalStateException("sql/" + statement + ".sql has a parameter :" + name + " that nothing binds");
    }

    public Optional<JobRow> find(long id) {
        return jdbi.withHandle(h -> h.createQuery(findJob).bind("id", id)
                .map((rs, ctx) -> jobRow(rs)).findOne());
    }

    /** Cancels a pending or running job; false when it was already finished or does not exist. */
    public boolean cancel(long id) {
        return jdbi.withHandle(h -> h.createQuery(cancel).bind("id", id).mapTo(Boolean.class).one());
    }

    public static JobRow jobRow(ResultSet rs) throws SQLException {
        return new JobRow(rs.getLong("id"), rs.getString("queue"), rs.getString("kind"), rs.getString("status"),
                rs.getString("payload"), rs.getString("result"), rs.getInt("priority"), rs.getInt("attempts"),
                rs.getInt("max_attempts"), rs.getInt("timeout_seconds"), instant(rs, "scheduled_at"),
                rs.getString("dedup_key"), rs.getString("locked_by"), instant(rs, "lease_until"),
                rs.getString("last_error"), rs.getString("errors"), instant(rs, "created_at"),
                instant(rs, "updated_at"), instant(rs, "started_at"), instant(rs, "completed_at"),
                rs.getString("progress"));
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    private static Long[] tokens(List<Held> held) {
        return held.stream().map(Held::token).toArray(Long[]::new);
    }

    /** A statement's {@code :now}: null leaves the transaction's {@code now()}. */
    private static OffsetDateTime at(Instant now) {
        return now == null ? null : now.atOffset(ZoneOffset.UTC);
    }

    private static double seconds(Duration d) {
        return d.toMillis() / 1000.0;
    }

    /** One failed attempt: its class, readable message, whether it is permanent, and the retry delay. */
    public record FailureRecord(String errorClass, String message, boolean permanent, Duration delay) {
        /** The message is stored in {@code last_error} and {@code errors}: cleaned and capped. */
        public FailureRecord {
            message = StoredText.message(message);
        }
    }

    /**
     * An attempt this worker holds: its job, its number (for logs) and its claim token, drawn at
     * the claim and never drawn again, which the fenced statements match.
     */
    public record Held(long id, int attempt, long token) {
    }

    /** Where a snooze left the job: {@code pending} until {@code scheduledAt}, or {@code failed} with {@code lastError}. */
    public record SnoozeOutcome(String status, Instant scheduledAt, String lastError) {
        public boolean failed() {
            return status.equals("failed");
        }
    }

    public record FailOutcome(String status, Instant scheduledAt) {
        public boolean willRetry() {
            return status.equals("pending");
        }
    }

    /**
     * A rescued job: its new status, the attempt that was lost, the worker that lost it, and (for
     * the failure writes of a job that ended failed) its payload and error.
     */
    public record Rescued(long id, String queue, String kind, String status, int attempt, String lockedBy,
                          String payload, String lastError) {
    }

    /** A job that ended (cancelled or failed) owing its family's failure writes. */
    public record Ended(long id, String queue, String kind, String status, int attempt, String payload,
                        String errorClass, String message) {
    }

    /** Runs the failure writes of an {@link Ended} job inside the transaction that clears its flag. */
    @FunctionalInterface
    public interface EndedHook {
        void ended(Handle handle, Ended job);
    }

    /** Runs inside the rescue transaction for each job the rescue failed. */
    @FunctionalInterface
    public interface RescueHook {
        void failed(Handle handle, Rescued job);
    }

    /**
     * What a rescue did, when the next lease expires (empty: nothing is running), and whether any
     * job is pending.
     */
    public record RescueOutcome(List<Rescued> rescued, Optional<Duration> untilNextExpiry, boolean anyPending) {
        /** Nothing running and nothing pending: no job can be orphaned before a new one arrives. */
        public boolean quiet() {
            return untilNextExpiry.isEmpty() && !anyPending && rescued.isEmpty();
        }
    }
}
