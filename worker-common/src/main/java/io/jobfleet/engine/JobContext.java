package io.jobfleet.engine;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
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
}
