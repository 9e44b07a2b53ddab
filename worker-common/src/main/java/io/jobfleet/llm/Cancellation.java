package io.jobfleet.llm;

/**
 * Where a call registers how to abort itself. Handlers pass {@code context::onInterrupt}
 * ({@link io.jobfleet.engine.JobContext#onInterrupt}) so the in-flight HTTP call is cancelled when
 * the job times out, is cancelled or the worker shuts down.
 */
@FunctionalInterface
public interface Cancellation {
    /** For calls nothing can cancel except interrupting the calling thread. */
    Cancellation NONE = abort -> { };

    void onCancel(Runnable abort);
}
