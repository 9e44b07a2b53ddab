package io.jobfleet.engine;

import io.jobfleet.db.ClaimedJob;
import io.jobfleet.support.LogContext;
import io.jobfleet.tracing.AttemptSpan;
import io.jobfleet.tracing.Tracing;
import io.jobfleet.watchdog.WatchedAttempt;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One attempt in flight on this worker: its job, its deadline, the thread running its handler,
 * and why (if at all) it was told to stop. Only an attempt whose handler is still running can be
 * interrupted, so an interrupt never leaks into the next job on the same pool thread.
 */
final class Attempt implements WatchedAttempt {
    private static final Logger log = LoggerFactory.getLogger(Attempt.class);

    /** Why an attempt was stopped before its handler returned. */
    enum StopReason { NONE, TIMEOUT, LOST, SHUTDOWN }

    private enum Phase { QUEUED, RUNNING, RECORDING }

    private final ClaimedJob job;
    private final AttemptProgress progress = new AttemptProgress();
    private volatile AttemptSpan span = AttemptSpan.NONE;
    private volatile long deadlineNanos = Long.MAX_VALUE;
    private volatile long startNanos;
    private final List<Runnable> interruptActions = new CopyOnWriteArrayList<>();
    private Phase phase = Phase.QUEUED;
    private StopReason stop = StopReason.NONE;
    private long stoppedAtNanos;
    private Thread thread;
    private boolean abandoned;
    private volatile long backAtNanos = NOT_BACK;

    /** {@link #backAtNanos()} of an attempt whose job does not come back to pending at a known time. */
    static final long NOT_BACK = Long.MAX_VALUE;

    Attempt(ClaimedJob job) {
        this.job = job;
    }

    /** The job went back to pending, due again at {@code nanos} (a snooze, or a retry after its backoff). */
    void comesBackAt(long nanos) {
        backAtNanos = nanos;
    }

    /** When the job is due again, on the runtime's nano clock; {@link #NOT_BACK} when unknown or never. */
    long backAtNanos() {
        return backAtNanos;
    }

    ClaimedJob job() {
        return job;
    }

    AttemptProgress progress() {
        return progress;
    }

    /** The attempt's span ({@link AttemptSpan#NONE} until its handler starts, or when tracing is off). */
    AttemptSpan span() {
        return span;
    }

    /** Starts the attempt's span as its handler starts; with tracing off, allocates nothing. */
    AttemptSpan startSpan(Tracing tracing, String workerId) {
        if (!tracing.enabled()) {
            return span;
        }
        span = tracing.attempt(new Tracing.AttemptStart(job.id(), job.queue(), job.kind(), job.attempt(), workerId,
                job.traceparent()));
        return span;
    }

    @Override
    public long jobId() {
        return job.id();
    }

    @Override
    public String kind() {
        return job.kind();
    }

    @Override
    public int attemptNumber() {
        return job.attempt();
    }

    @Override
    public int timeoutSeconds() {
        return job.timeoutSeconds();
    }

    @Override
    public LogContext.Scope logContext() {
        return logContext(job);
    }

    /** Puts {@code job}'s fields into the log context until closed. */
    static LogContext.Scope logContext(ClaimedJob job) {
        return LogContext.job(job.id(), job.queue(), job.kind(), job.attempt());
    }

    /** When the watchdog interrupts it: {@code timeout_seconds} after its handler started. */
    @Override
    public long deadlineNanos() {
        return deadlineNanos;
    }

    long startNanos() {
        return startNanos;
    }

    /** The handler starts on {@code t}: the timeout counts from now, not from the claim. */
    synchronized void running(Thread t, long nowNanos) {
        thread = t;
        phase = Phase.RUNNING;
        startNanos = nowNanos;
        deadlineNanos = nowNanos + job.timeoutSeconds() * 1_000_000_000L;
    }

    /** Whether the handler has returned and its outcome is being stored. */
    synchronized boolean recording() {
        return phase == Phase.RECORDING;
    }

    /** The handler returned: from here on it is not interrupted any more. Returns the stop reason. */
    synchronized StopReason finishHandler() {
        phase = Phase.RECORDING;
        thread = null;
        return stop;
    }

    synchronized StopReason stopReason() {
        return stop;
    }

    @Override
    public synchronized long stoppedAtNanos() {
        return stoppedAtNanos;
    }

    synchronized boolean isHeld() {
        return stop == StopReason.NONE;
    }

    @Override
    public boolean unstopped() {
        return isHeld();
    }

    @Override
    public boolean timedOut() {
        return stopReason() == StopReason.TIMEOUT;
    }

    @Override
    public boolean stopForTimeout(long nowNanos) {
        return stop(StopReason.TIMEOUT, nowNanos);
    }

    /** Marks a timed-out attempt whose handler ignores the interrupt; true the first time only. */
    @Override
    public synchronized boolean abandon() {
        if (abandoned || phase == Phase.RECORDING) {
            return false;
        }
        abandoned = true;
        return true;
    }

    void onInterrupt(Runnable action) {
        interruptActions.add(action);
    }

    /**
     * Tells the attempt to stop for {@code reason}: the first reason wins. Interrupts the handler
     * thread and runs the registered abort actions when the handler is still running.
     *
     * @return true when this call set the reason
     */
    boolean stop(StopReason reason, long nowNanos) {
        Thread toInterrupt;
        synchronized (this) {
            if (stop != StopReason.NONE || phase == Phase.RECORDING) {
                return false;
            }
            stop = reason;
            stoppedAtNanos = nowNanos;
            toInterrupt = phase == Phase.RUNNING ? thread : null;
        }
        for (Runnable action : interruptActions) {
            try {
                action.run();
            } catch (RuntimeException e) {
                log.debug("interrupt action of job {} failed: {}", job.id(), e.toString());
            }
        }
        if (toInterrupt != null) {
            toInterrupt.interrupt();
        }
        return true;
    }
}
