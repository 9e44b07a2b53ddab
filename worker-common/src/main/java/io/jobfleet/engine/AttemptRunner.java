package io.jobfleet.engine;

import io.jobfleet.db.ClaimedJob;
import io.jobfleet.db.DatabaseHealth;
import io.jobfleet.db.MissingObject;
import io.jobfleet.db.ServerError;
import io.jobfleet.engine.Attempt.StopReason;
import io.jobfleet.engine.OutcomeRecorder.Recorded;
import io.jobfleet.runtime.WorkerRuntime;
import io.jobfleet.support.LogContext;
import io.jobfleet.tracing.AttemptSpan;
import io.jobfleet.tracing.Tracing;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/** Runs one attempt on a pool thread: handler, then the fenced record of how it ended. */
final class AttemptRunner {
    private static final Logger log = LoggerFactory.getLogger(AttemptRunner.class);

    private final WorkerRuntime rt;
    private final HandlerRegistry handlers;
    private final OutcomeRecorder recorder;
    private final ProgressWriter progress;

    AttemptRunner(WorkerRuntime rt, HandlerRegistry handlers, OutcomeRecorder recorder, ProgressWriter progress) {
        this.rt = rt;
        this.handlers = handlers;
        this.recorder = recorder;
        this.progress = progress;
    }

    /**
     * Runs the attempt's handler on this thread, then stores its outcome: synchronously, or (a
     * result with no other writes) through the completion queue without holding this thread.
     * {@code stored} runs once the outcome has landed (or was refused, or given up).
     */
    void run(Attempt a, Runnable stored) {
        ClaimedJob job = a.job();
        Thread.interrupted();
        putMdc(job);
        a.running(Thread.currentThread(), rt.nanoTime());
        AttemptSpan span = a.startSpan(rt.tracing(), rt.workerId());
        JobOutcome outcome = null;
        Throwable error = null;
        try (Tracing.Scope scope = span.activate()) {
            outcome = execute(a);
        } catch (Throwable t) {
            error = t;
        }
        StopReason stop = a.finishHandler();
        Thread.interrupted();
        progress.flushFinal(a, stop == StopReason.NONE);
        Duration took = Duration.ofNanos(rt.nanoTime() - a.startNanos());
        boolean async = false;
        try {
            if (stop == StopReason.NONE && error == null && outcome.writes() == FencedWrites.NONE) {
                async = completeInBackground(a, outcome, took, stored);
            } else {
                record(a, stop, outcome, error, took);
            }
        } catch (Exception e) {
            log.error("job {}: could not record the end of attempt {}: {}", job.id(), job.attempt(), e.toString());
        } finally {
            if (!async) {
                span.end(AttemptSpan.NOT_STORED, null); // unless its end was recorded above
                stored.run();
            }
            MDC.clear();
        }
    }

    /** Hands a result-only completion to the completion queue; this thread is free for the next job at once. */
    private boolean completeInBackground(Attempt a, JobOutcome outcome, Duration took, Runnable stored) {
        ClaimedJob job = a.job();
        recorder.completeBatched(a, outcome).whenComplete((r, e) -> {
            try {
                putMdc(job);
                Optional<PermanentJobException> refused = e == null ? Optional.empty() : OutcomeRecorder.refused(e);
                if (refused.isPresent()) {
                    recordRefused(a, refused.get(), took);
                } else if (e != null) {
                    log.warn("job {}: completion not stored ({}); its lease will expire and it runs again",
                            job.id(), e.toString());
                } else {
                    completed(a, r, took);
                }
            } finally {
                a.span().end(AttemptSpan.NOT_STORED, null); // unless its end was recorded above
                stored.run();
                MDC.clear();
            }
        });
        return true;
    }

    private void completed(Attempt a, Recorded r, Duration took) {
        ClaimedJob job = a.job();
        if (r == Recorded.COMPLETED) {
            log.info("job {} completed in {} ms", job.id(), took.toMillis());
            rt.metrics().completed(job.queue(), job.kind(), took);
            a.span().end(AttemptSpan.COMPLETED, null);
        } else if (r == Recorded.FENCED_OUT) {
            log.info("job {}: completion refused, this worker no longer holds attempt {}", job.id(), job.attempt());
            rt.metrics().fencedOut(job.queue(), job.kind());
            a.span().end(AttemptSpan.LOST, null);
        }
    }

    private JobOutcome execute(Attempt a) throws Exception {
        ClaimedJob job = a.job();
        JobHandler<?> handler = handlers.find(job.kind()).orElseThrow(() -> new PermanentJobException(
                ErrorClasses.UNKNOWN_KIND, "no handler for kind '" + job.kind() + "' in queue '" + job.queue()
                        + "' (this worker runs: " + String.join(", ", handlers.kinds()) + ")"));
        return invoke(handler, a);
    }

    private <P> JobOutcome invoke(JobHandler<P> handler, Attempt a) throws Exception {
        P payload = Payloads.read(a.job().payload(), handler.payloadType());
        JobOutcome outcome = handler.handle(payload, new AttemptContext(a, rt, progress));
        if (outcome == null) {
            throw new IllegalStateException("handler for " + a.job().kind() + " returned no outcome");
        }
        return outcome;
    }

    private void record(Attempt a, StopReason stop, JobOutcome outcome, Throwable error, Duration took)
            throws Exception {
        ClaimedJob job = a.job();
        switch (stop) {
            case LOST -> {
                log.info("job {} was cancelled or taken over during attempt {}; its outcome is discarded",
                        job.id(), job.attempt());
                rt.metrics().fencedOut(job.queue(), job.kind());
                a.span().end(AttemptSpan.LOST, null);
                return;
            }
            case TIMEOUT -> {
                recordFailure(a, ErrorClasses.TIMEOUT, "attempt " + job.attempt() + " ran past its "
                        + job.timeoutSeconds() + " s timeout and was interrupted", false, Optional.empty(), took);
                return;
            }
            default -> {
            }
        }
        if (error == null) {
            Recorded r;
            try {
                r = recorder.complete(a, outcome);
            } catch (Exception e) {
                Optional<PermanentJobException> refused = OutcomeRecorder.refused(e);
                Optional<String> missing = MissingObject.what(e);
                if (refused.isPresent()) {
                    recordRefused(a, refused.get(), took);
                } else if (missing.isPresent()) {
                    recordFailure(a, ErrorClasses.SCHEMA_MISSING, schemaMissing(missing.get()), false, Optional.empty(),
                            took);
                } else {
                    recordFailure(a, "write_failed", "saving the result failed: " + ServerError.in(e)
                            .map(this::refusedStatement).orElse(rootMessage(e)), false, Optional.empty(), took);
                }
                return;
            }
            completed(a, r, took);
            return;
        }
        if (stop == StopReason.SHUTDOWN) {
            a.span().end(AttemptSpan.HANDED_BACK, null);
            return; // handed back by the shutdown, uncharged
        }
        Optional<String> missing = MissingObject.what(error);
        if (error instanceof JobLostException) {
            rt.metrics().fencedOut(job.queue(), job.kind());
            a.span().end(AttemptSpan.LOST, null);
            log.info("job {}: {}", job.id(), error.getMessage());
        } else if (error instanceof SnoozeJobException snooze) {
            recordSnooze(a, snooze, took);
        } else if (error instanceof JobException je) {
            Optional<Duration> retryAfter = je instanceof RetryableJobException re ? re.retryAfter() : Optional.empty();
            // a payload error names each field as the app wrote it, whoever found it wrong
            String message = ErrorClasses.BAD_PAYLOAD.equals(je.errorClass())
                    ? Payloads.spelledAsSent(je.getMessage(), Payloads.tree(job.payload())) : je.getMessage();
            recordFailure(a, je.errorClass(), message, !je.retryable(), retryAfter, took);
        } else if (missing.isPresent()) {
            recordFailure(a, ErrorClasses.SCHEMA_MISSING, schemaMissing(missing.get()), false, Optional.empty(), took);
        } else if (DatabaseHealth.isConnectionProblem(error)) {
            recordFailure(a, "database_unavailable", "the database could not be reached: " + rootMessage(error),
                    false, Optional.empty(), took);
        } else {
            log.warn("job {}: handler threw {}", job.id(), error.toString(), error);
            recordFailure(a, ErrorClasses.ERROR, ServerError.in(error).map(this::refusedStatement)
                    .orElse(error.getClass().getSimpleName() + (error.getMessage() == null ? "" : ": " + error.getMessage())),
                    false, Optional.empty(), took);
        }
    }

    /**
     * A statement the database refused, in the server's words, without the statement and its
     * bound values that the driver's message quotes; a missing privilege says how to grant it.
     */
    private String refusedStatement(SQLException sql) {
        String said = "the database refused a statement: " + ServerError.message(sql) + " (SQLSTATE " + sql.getSQLState() + ")";
        return ServerError.lacksPrivilege(sql) ? said + "; the worker's role lacks a privilege: `" + checkCommand()
                + "` names it and `" + checkCommand() + " --print-grants ROLE` writes the GRANT" : said;
    }

    /** The command that checks this worker's family against the database: {@code ./jobfleet ai check}. */
    private String checkCommand() {
        return "./jobfleet " + WorkerId.family(rt.workerId()) + " check";
    }

    /** The database refused the result: the job fails now, since another attempt would be refused again. */
    private void recordRefused(Attempt a, PermanentJobException refused, Duration took) {
        log.warn("job {}: {}", a.job().id(), refused.getMessage());
        try {
            recordFailure(a, refused.errorClass(), refused.getMessage(), true, Optional.empty(), took);
        } catch (Exception e) {
            log.error("job {}: could not record the end of attempt {}: {}", a.job().id(), a.job().attempt(), e.toString());
        }
    }

    /** Records a failed attempt; used by the runner and, for handlers stuck past their timeout, the watchdog. */
    void recordFailure(Attempt a, String errorClass, String message, boolean permanent,
                       Optional<Duration> retryAfter, Duration took) throws Exception {
        ClaimedJob job = a.job();
        Recorded r = recorder.fail(a, errorClass, message, permanent, retryAfter);
        switch (r) {
            case RETRYING -> {
                log.info("job {} attempt {}/{} failed ({}): {}; will retry", job.id(), job.attempt(),
                        job.maxAttempts(), errorClass, message);
                rt.metrics().failedAttempt(job.queue(), job.kind(), errorClass, false, took);
                a.span().end(AttemptSpan.RETRYING, errorClass);
            }
            case FAILED -> {
                log.warn("job {} failed ({}) after attempt {}/{}: {}", job.id(), errorClass, job.attempt(),
                        job.maxAttempts(), message);
                rt.metrics().failedAttempt(job.queue(), job.kind(), errorClass, true, took);
                a.span().end(AttemptSpan.FAILED, errorClass);
            }
            case FENCED_OUT -> {
                rt.metrics().fencedOut(job.queue(), job.kind());
                a.span().end(AttemptSpan.LOST, errorClass);
            }
            default -> {
            }
        }
    }

    private void recordSnooze(Attempt a, SnoozeJobException snooze, Duration took) throws Exception {
        ClaimedJob job = a.job();
        switch (recorder.snooze(a, snooze)) {
            case SNOOZED -> {
                log.info("job {} snoozed for {} ms, attempt {} given back: {}", job.id(),
                        snooze.delayFrom(rt.clock().instant()).toMillis(), job.attempt(), snooze.getMessage());
                rt.metrics().snoozed(job.queue(), job.kind());
                a.span().end(AttemptSpan.SNOOZED, null);
            }
            case FAILED -> {
                log.warn("job {} failed: it snoozed as often as its max_snoozes allows ({})", job.id(),
                        snooze.getMessage());
                rt.metrics().failedAttempt(job.queue(), job.kind(), ErrorClasses.SNOOZED, true, took);
                a.span().end(AttemptSpan.FAILED, ErrorClasses.SNOOZED);
            }
            case FENCED_OUT -> {
                rt.metrics().fencedOut(job.queue(), job.kind());
                a.span().end(AttemptSpan.LOST, null);
            }
            default -> {
            }
        }
    }

    private void putMdc(ClaimedJob job) {
        LogContext.worker(rt.workerId());
        Attempt.logContext(job);
    }

    /** The readable error of a statement that named something the database lacks: what, and what to do. */
    private String schemaMissing(String what) {
        return "The database refused the job's statements: " + what + ". The app's tables differ from this "
                + "worker's mapping, or the jobfleet schema is older than the worker: `" + checkCommand()
                + "` names what is missing (`./jobfleet migrate` brings the schema up).";
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }
}
