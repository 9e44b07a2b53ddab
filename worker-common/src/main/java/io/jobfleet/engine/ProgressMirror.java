package io.jobfleet.engine;

import org.jdbi.v3.core.Handle;

/**
 * Copies a job's progress onto the app's row (e.g. a {@code progress} column the family's mapping
 * names), in the transaction that stores it on the job, only while the attempt holds the job.
 */
@FunctionalInterface
public interface ProgressMirror {
    ProgressMirror NONE = (handle, progress) -> { };

    void write(Handle handle, Progress progress) throws Exception;
}
