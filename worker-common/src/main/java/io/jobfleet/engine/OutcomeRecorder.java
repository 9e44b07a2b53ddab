package io.jobfleet.engine;

import io.jobfleet.db.DataRefusal;
import io.jobfleet.db.DatabaseHealth;
import io.jobfleet.db.QueueSql.FailOutcome;
import io.jobfleet.db.QueueSql.FailureRecord;
import io.jobfleet.db.QueueSql.SnoozeOutcome;
import io.jobfleet.db.QueueSql.Held;
import io.jobfleet.db.QueueSql;
import io.jobfleet.retry.RetryPolicy;
import io.jobfleet.runtime.WorkerRuntime;
import io.jobfleet.service.Backoff;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records the end of an attempt, fenced: completion (with the handler's writes) or failure (with
 * the family's failure writes). When the database cannot be reached the record is retried with
 * backoff until it lands or the attempt is known lost, never dropped.
 */
final class OutcomeRecorder {
    private static final Logger log = LoggerFactory.getLogger(OutcomeRecorder.class);
    private static final Duration RETRY_MIN = Duration.ofMillis(200);
    private static final Duration RETRY_MAX = Duration.ofSeconds(5);

    /** How a record ended. */
    enum Recorded { COMPLETED, RETRYING, SNOOZED, FAILED, FENCED_OUT, ABANDONED }

    private final WorkerRuntime rt;
    private final FailureHooks hooks;
    private final RetryPolicy retryPolicy;
    private final CompletionQueue completions;
    private volatile boolean abandon;

    OutcomeRecorder(WorkerRuntime rt, FailureHooks hooks, RetryPolicy retryPolicy, CompletionQueue completions) {
        this.rt = rt;
        this.hooks = hooks;
        this.retryPolicy = retryPolicy;
        this.completions = completions;
    }

    /**
     * The permanent failure of an attempt whose result (or the handler's writes with it) the
     * database refused to store, when {@code e} is such a refusal ({@link DataRefusal}): running the
     * handler again would only be refused again. The message names the constraint or the error
     * class alone, never the server's detail, which quotes the row.
     */
    static Optional<PermanentJobException> refused(Throwable e) {
        return DataRefusal.reason(e).map(reason -> new PermanentJobException(ErrorClasses.RESULT_REFUSED,
                "The result could not be stored: the app's database refused it (" + reason + ").", e));
    }

    /** Stops retrying records against an unreachable database (hard shutdown). */
    void abandonRetries() {
        abandon = true;
        completions.abandonRetries();
    }

    /** A completion with no writes but the result, stored in a batch with others. */
    CompletableFuture<Recorded> completeBatched(Attempt a, JobOutcome outcome) {
        String resultJson;
        try {
            resultJson = Payloads.write(outcome.result());
        } catch (IllegalArgumentException e) {
            return CompletableFuture.failedFuture(e);
        }
        return completions.submit(a, resultJson).thenApply(held -> held ? Recorded.COMPLETED : Recorded.FENCED_OUT);
    }

    /** A completion with the handler's writes, in its own fenced transaction. */
    Recorded complete(Attempt a, JobOutcome outcome) throws Exception {
        String resultJson = Payloads.write(outcome.result());
        return persistently(a, () -> rt.db().jdbi().inTransaction(h -> {
            QueueSql q = rt.db().queue();
            Held held = a.job().held();
            if (!q.lockIfHeld(h, held, rt.workerId())) {
                return Recorded.FENCED_OUT;
            }
            outcome.writes().write(h);
            if (!q.complete(h, held, rt.workerId(), resultJson)) {
                h.rollback();
                return Recorded.FENCED_OUT;
            }
            return Recorded.COMPLETED;
        }));
    }

    Recorded fail(Attempt a, String errorClass, String message, boolean permanent, Optional<Duration> retryAfter)
            throws Exception {
        Duration delay = retryPolicy.delay(a.job().attempt(), retryAfter);
        String readable = FailureHooks.finalMessage(message == null || message.isBlank() ? errorClass : message,
                permanent, a.job().attempt(), a.job().maxAttempts());
        Recorded recorded = persistently(a, () -> rt.db().jdbi().inTransaction(h -> {
            QueueSql q = rt.db().queue();
            Held held = a.job().held();
            if (!q.lockIfHeld(h, held, rt.workerId())) {
                return Recorded.FENCED_OUT;
            }
            Optional<FailOutcome> out = q.fail(h, held, rt.workerId(),
                    new FailureRecord(errorClass, readable, permanent, delay), rt.statementNow());
            if (out.isEmpty()) {
                return Recorded.FENCED_OUT;
            }
            if (out.get().willRetry()) {
                return Recorded.RETRYING;
            }
            hooks.run(h, a.job().kind(), a.job().payload(), new JobFailure(held.id(), held.attempt(), errorClass, readable));
            return Recorded.FAILED;
        }));
        if (recorded == Recorded.RETRYING) {
            a.comesBackAt(rt.nanoTime() + delay.toNanos()); // the claim loop wakes for it, not a poll later
        }
        return recorded;
    }

    /** Gives the attempt back and puts the job to sleep, or fails it once it has snoozed its limit. */
    Recorded snooze(Attempt a, SnoozeJobException snooze) throws Exception {
        String reason = snooze.getMessage() == null || snooze.getMessage().isBlank() ? "no reason given"
                : snooze.getMessage();
        Duration delay = snooze.delayFrom(rt.clock().instant());
        Recorded recorded = persistently(a, () -> rt.db().jdbi().inTransaction(h -> {
            QueueSql q = rt.db().queue();
            Held held = a.job().held();
            if (!q.lockIfHeld(h, held, rt.workerId())) {
                return Recorded.FENCED_OUT;
            }
            Optional<SnoozeOutcome> out = q.snooze(h, held, rt.workerId(), reason, delay, rt.statementNow());
            if (out.isEmpty()) {
                return Recorded.FENCED_OUT;
            }
            if (!out.get().failed()) {
                return Recorded.SNOOZED;
            }
            hooks.run(h, a.job().kind(), a.job().payload(),
                    new JobFailure(held.id(), held.attempt(), ErrorClasses.SNOOZED, out.get().lastError()));
            return Recorded.FAILED;
        }));
        if (recorded == Recorded.SNOOZED) {
            a.comesBackAt(rt.nanoTime() + delay.toNanos());
        }
        return recorded;
    }

    private Recorded persistently(Attempt a, Callable<Recorded> write) throws Exception {
        Backoff wait = Backoff.doubling(RETRY_MIN, RETRY_MAX);
        while (true) {
            try {
                Recorded r = write.call();
                rt.health().reportSuccess();
                return r;
            } catch (Exception e) {
                if (!DatabaseHealth.isConnectionProblem(e)) {
                    throw e;
                }
                rt.health().reportFailure(e);
                if (abandon) {
                    log.warn("job {}: outcome not recorded, database unreachable at shutdown; "
                            + "its lease will expire and another worker will run it again", a.job().id());
                    return Recorded.ABANDONED;
                }
                try {
                    Thread.sleep(wait.next().toMillis());
                } catch (InterruptedException ie) {
                    // an interrupt (e.g. a late timeout) must not drop the record: keep going
                    Thread.interrupted();
                }
            }
        }
    }
}
