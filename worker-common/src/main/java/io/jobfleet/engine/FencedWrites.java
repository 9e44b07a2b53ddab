package io.jobfleet.engine;

import org.jdbi.v3.core.Handle;

/**
 * Writes to the app's tables that must commit together with a job state change, and only while
 * this worker still holds the job. They run inside a transaction that already holds the job's row
 * lock; a worker that lost the job never gets here, so its writes never land.
 */
@FunctionalInterface
public interface FencedWrites {
    FencedWrites NONE = handle -> { };

    void write(Handle handle) throws Exception;
}
