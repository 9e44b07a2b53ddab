package io.jobfleet.engine;

import io.jobfleet.db.QueueSql.Ended;
import io.jobfleet.db.QueueSql.Rescued;
import io.jobfleet.lease.SpentJobWrites;
import io.jobfleet.support.StoredText;
import java.util.Collection;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a family's {@link JobHandler#onFailed} inside the transaction that marks a job
 * {@code failed}, whoever fails it (the runner, the watchdog or the rescuer), or that clears the
 * failure writes a job owes after it ended elsewhere (cancelled, unlocked by an operator). The hook runs in a
 * savepoint: if it breaks, the job still ends failed.
 */
final class FailureHooks implements SpentJobWrites {
    private static final Logger log = LoggerFactory.getLogger(FailureHooks.class);

    private final HandlerRegistry handlers;

    FailureHooks(HandlerRegistry handlers) {
        this.handlers = handlers;
    }

    /** The kinds whose failure hooks this process can run. */
    @Override
    public Collection<String> kinds() {
        return handlers.kinds();
    }

    /** A rescue failed {@code job} (its worker was lost during its last attempt). */
    @Override
    public void failed(Handle h, Rescued job) {
        run(h, job.kind(), job.payload(), new JobFailure(job.id(), job.attempt(), ErrorClasses.WORKER_LOST,
                job.lastError()));
    }

    /** A job ended without its failure writes (cancelled after it started, unlocked to failed). */
    @Override
    public void ended(Handle h, Ended job) {
        run(h, job.kind(), job.payload(), new JobFailure(job.id(), job.attempt(), job.errorClass(), job.message()));
    }

    void run(Handle h, String kind, String payloadJson, JobFailure failure) {
        Optional<JobHandler<?>> handler = handlers.find(kind);
        if (handler.isEmpty()) {
            return;
        }
        h.savepoint("on_failed");
        try {
            handler.get().onFailed(Payloads.payloadTree(payloadJson), failure, h);
            h.release("on_failed");
        } catch (Exception e) {
            h.rollbackToSavepoint("on_failed");
            log.warn("failure writes of job {} ({}) failed: {}", failure.jobId(), kind, e.toString());
        }
    }

    /**
     * The message stored when a job ends: a retryable error that used the last attempt says so,
     * since its own text cannot know it was the last. Cleaned and capped ({@link StoredText#message}),
     * as it is stored and shown to the app's user.
     */
    static String finalMessage(String message, boolean permanent, int attempt, int maxAttempts) {
        if (permanent || attempt < maxAttempts) {
            return StoredText.message(message);
        }
        message = StoredText.capped(StoredText.clean(message), StoredText.MESSAGE_MAX - 40);
        String gaveUp = "ave up after " + attempt + (attempt == 1 ? " attempt" : " attempts");
        return message.endsWith(".") ? message + " G" + gaveUp + "." : message + " (g" + gaveUp + ")";
    }
}
