package io.jobfleet.watchdog;

import io.jobfleet.service.LoopService;
import io.jobfleet.support.LogContext;
import java.time.Duration;
import java.util.Collection;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Interrupts attempts that run past their job's {@code timeout_seconds}; the runner then records
 * the attempt as failed with class {@code timeout}. A handler that ignores the interrupt for
 * {@code stuckAfter} more is reported to {@code onStuck}, which records the failure itself so the
 * job moves on even though its thread is lost.
 */
public final class TimeoutWatchdog<A extends WatchedAttempt> extends LoopService {
    private static final Logger log = LoggerFactory.getLogger(TimeoutWatchdog.class);
    private static final Duration MAX_WAIT = Duration.ofSeconds(1);

    /** Where the watchdog looks, and how it tells the time. */
    public record Watch<A>(String workerId, Supplier<Collection<A>> attempts, LongSupplier nanoTime) {
    }

    private final Watch<A> watch;
    private final Duration stuckAfter;
    private final Consumer<A> onStuck;

    public TimeoutWatchdog(Watch<A> watch, Duration stuckAfter, Consumer<A> onStuck) {
        super("jobfleet-watchdog");
        this.watch = watch;
        this.stuckAfter = stuckAfter;
        this.onStuck = onStuck;
    }

    @Override
    protected void onStart() {
        LogContext.worker(watch.workerId());
    }

    @Override
    protected Duration runOnce() {
        long now = watch.nanoTime().getAsLong();
        long nextDue = now + MAX_WAIT.toNanos();
        for (A a : watch.attempts().get()) {
            if (a.unstopped()) {
                if (now - a.deadlineNanos() >= 0) {
                    if (a.stopForTimeout(now)) {
                        try (LogContext.Scope s = a.logContext()) {
                            log.warn("job {} ({}) ran past its {} s timeout: interrupting attempt {}",
                                    a.jobId(), a.kind(), a.timeoutSeconds(), a.attemptNumber());
                        }
                    }
                } else {
                    nextDue = Math.min(nextDue, a.deadlineNanos()); // not started yet: Long.MAX_VALUE
                }
            } else if (a.timedOut() && now - a.stoppedAtNanos() >= stuckAfter.toNanos() && a.abandon()) {
                try (LogContext.Scope s = a.logContext()) {
                    log.error("job {}: handler ignored the interrupt for {} s; recording the timeout without it "
                            + "(its thread stays busy)", a.jobId(), stuckAfter.toSeconds());
                    onStuck.accept(a);
                }
            }
        }
        return Duration.ofNanos(Math.max(0, nextDue - now) + 1_000_000);
    }
}
