package io.jobfleet.watchdog;

import io.jobfleet.engine.Attempt;
import io.jobfleet.engine.InFlight;
import io.jobfleet.engine.LogContext;
import io.jobfleet.service.LoopService;
import java.time.Duration;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Interrupts attempts that run past their job's {@code timeout_seconds}; the runner then records
 * the attempt as failed with class {@code timeout}. A handler that ignores the interrupt for
 * {@code stuckAfter} more is reported to {@code onStuck}, which records the failure itself so the
 * job moves on even though its thread is lost.
 */
public final class TimeoutWatchdog extends LoopService {
    private static final Logger log = LoggerFactory.getLogger(TimeoutWatchdog.class);
    private static final Duration MAX_WAIT = Duration.ofSeconds(1);

    private final String workerId;
    private final InFlight inFlight;
    private final Duration stuckAfter;
    private final Consumer<Attempt> onStuck;

    public TimeoutWatchdog(String workerId, InFlight inFlight, Duration stuckAfter, Consumer<Attempt> onStuck) {
        super("jobfleet-watchdog");
        this.workerId = workerId;
        this.inFlight = inFlight;
        this.stuckAfter = stuckAfter;
        this.onStuck = onStuck;
    }

    @Override
    protected void onStart() {
        LogContext.worker(workerId);
    }

    @Override
    protected Duration runOnce() {
        long now = System.nanoTime();
        long nextDue = now + MAX_WAIT.toNanos();
        for (Attempt a : inFlight.all()) {
            if (a.stopReason() == Attempt.StopReason.NONE) {
                if (now - a.deadlineNanos() >= 0) {
                    if (a.stop(Attempt.StopReason.TIMEOUT, now)) {
                        try (LogContext.Scope s = LogContext.job(a.job())) {
                            log.warn("job {} ({}) ran past its {} s timeout: interrupting attempt {}",
                                    a.job().id(), a.job().kind(), a.job().timeoutSeconds(), a.job().attempt());
                        }
                    }
                } else {
                    nextDue = Math.min(nextDue, a.deadlineNanos()); // not started yet: Long.MAX_VALUE
                }
            } else if (a.stopReason() == Attempt.StopReason.TIMEOUT
                    && now - a.stoppedAtNanos() >= stuckAfter.toNanos() && a.abandon()) {
                try (LogContext.Scope s = LogContext.job(a.job())) {
                    log.error("job {}: handler ignored the interrupt for {} s; recording the timeout without it "
                            + "(its thread stays busy)", a.job().id(), stuckAfter.toSeconds());
                    onStuck.accept(a);
                }
            }
        }
        return Duration.ofNanos(Math.max(0, nextDue - now) + 1_000_000);
    }
}
