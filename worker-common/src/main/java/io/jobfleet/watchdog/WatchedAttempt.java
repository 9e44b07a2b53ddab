package io.jobfleet.watchdog;

import io.jobfleet.support.LogContext;

/** An attempt in flight, as the watchdog sees it; the engine implements it. */
public interface WatchedAttempt {
    long jobId();

    String kind();

    int attemptNumber();

    int timeoutSeconds();

    /** When its handler is due to stop (nanosecond clock); far in the future while it has not started. */
    long deadlineNanos();

    /** Nothing has told it to stop yet. */
    boolean unstopped();

    /** The watchdog stopped it for its timeout (at {@link #stoppedAtNanos()}). */
    boolean timedOut();

    long stoppedAtNanos();

    /** Interrupts its handler for the timeout; true when this call stopped it. */
    boolean stopForTimeout(long nowNanos);

    /** Marks a timed-out attempt whose handler ignores the interrupt; true the first time only. */
    boolean abandon();

    /** Puts its job's fields into the log context until closed. */
    LogContext.Scope logContext();
}
