package io.jobfleet.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/** What a handler knows about the attempt it runs, and how it reaches the database. */
public interface JobContext {
    long jobId();

    String queue();

    String kind();

    /** This attempt's number, from 1. */
    int attempt();

    int maxAttempts();

    default boolean isLastAttempt() {
        return attempt() >= maxAttempts();
    }

    /** When the watchdog interrupts this attempt. */
    Instant deadline();

    /** The id of this worker process (host, pid, random suffix). */
    String workerId();

    /** The pool, for reads. Writes that must be fenced go through {@link #fenced}. */
    Jdbi jdbi();

    ObjectMapper json();

    /**
     * False once this worker learnt it no longer holds the job: cancelled, rescued by another
     * worker, timed out, or the process is handing it back.
     */
    boolean isHeld();

    /** Throws {@link JobLostException} when {@link #isHeld()} is false. */
    void checkHeld() throws JobLostException;

    /**
     * Runs writes in a transaction that first locks the job row while this worker still holds
     * this attempt; throws {@link JobLostException} (writing nothing) when it does not.
     */
    void fenced(FencedWrites writes) throws Exception;

    /**
     * Registers an action that aborts blocking work (e.g. cancels an HTTP call) when the attempt
     * is interrupted by timeout, cancellation or shutdown.
     */
    void onInterrupt(Runnable action);

    /** The largest checkpoint value, as JSON text in UTF-8. */
    int CHECKPOINT_MAX_BYTES = 1 << 20;

    /**
     * Reports how far the job got: {@code done} of {@code total} in {@code stage} (e.g. "chunks").
     * Cheap to call often: the latest value is written to the job row (and mirrored, see
     * {@link #mirrorProgress}) at most about once a second, off this thread, fenced like every
     * write of the attempt; the last value is written before the outcome. A failed write is
     * logged, never failing the job; an attempt that lost the job writes nothing.
     */
    void progress(long done, long total, String stage);

    /** Copies every progress write onto the app's row, in the same fenced transaction. */
    void mirrorProgress(ProgressMirror mirror);

    /**
     * Saves a partial result under {@code name} (replacing one of the same name) that a later
     * attempt of this job reads with {@link #saved}; deleted when the job completes.
     *
     * @throws JobLostException      this worker no longer holds the job: nothing was saved
     * @throws PermanentJobException the value is larger than {@link #CHECKPOINT_MAX_BYTES}
     */
    void checkpoint(String name, JsonNode value) throws JobLostException, PermanentJobException;

    /** The checkpoint {@code name} an attempt of this job saved (this one or an earlier one). */
    Optional<JsonNode> saved(String name);
}
