package io.jobfleet.engine;

import com.fasterxml.jackson.databind.JsonNode;
import org.jdbi.v3.core.Handle;

/**
 * Runs one kind of job. A family registers one handler per kind.
 *
 * <p>{@link #handle} does the slow work (LLM calls, downloads) outside any transaction and
 * returns a {@link JobOutcome}; the outcome's writes then commit in one transaction with the job's
 * {@code completed} status, only while this worker still holds the attempt.
 *
 * @param <P> the payload type, read from the job's JSON payload with Jackson. Mark required
 *            record components with {@code @JsonProperty(required = true)}.
 */
public interface JobHandler<P> {
    /** The kind this handler runs, e.g. {@code ai.generate}. */
    String kind();

    Class<P> payloadType();

    /**
     * Runs one attempt. Throw a {@link PermanentJobException} for errors a retry cannot fix (bad
     * input, auth, quota) and a {@link RetryableJobException} for transient ones; any other
     * exception counts as retryable. Throw a {@link SnoozeJobException} for "not now, try at T"
     * (e.g. a provider's quota window): no attempt is spent. The thread is interrupted on timeout, cancellation or loss of
     * the job.
     */
    JobOutcome handle(P payload, JobContext context) throws Exception;

    /**
     * Called when the job ends {@code failed} (permanent error or attempts spent), inside the
     * fenced transaction that marks it failed: the place to set the app's own status and error
     * message. {@code payload} is the raw JSON, since it may not have parsed. Also called, by a
     * worker of this kind, for a job cancelled after an attempt started (error class
     * {@code cancelled}) or unlocked to failed by an operator (class {@code unlocked}), so that
     * every way a job ends leaves the app's row out of its in-progress state.
     */
    default void onFailed(JsonNode payload, JobFailure failure, Handle handle) throws Exception {
    }
}
