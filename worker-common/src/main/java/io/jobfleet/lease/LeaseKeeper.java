package io.jobfleet.lease;

import io.jobfleet.db.QueueSql.Held;
import io.jobfleet.runtime.WorkerRuntime;
import io.jobfleet.service.LoopService;
import io.jobfleet.support.LogContext;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The heartbeat: every lease/3 it renews the lease of every attempt this process holds, in one
 * statement. An attempt missing from the answer was cancelled or taken over: its handler is
 * interrupted and its completion will be fenced out. Sends nothing while nothing is held.
 */
public final class LeaseKeeper extends LoopService {
    private static final Logger log = LoggerFactory.getLogger(LeaseKeeper.class);

    private final WorkerRuntime rt;
    private final HeldAttempts attempts;
    private final Runnable lostAny;
    private boolean firstRound = true; // the service thread's

    /** {@code lostAny} runs after a heartbeat that found held jobs gone (e.g. wakes the rescuer for their failure writes). */
    public LeaseKeeper(WorkerRuntime rt, HeldAttempts attempts, Runnable lostAny) {
        super("jobfleet-heartbeat");
        this.rt = rt;
        this.attempts = attempts;
        this.lostAny = lostAny;
    }

    @Override
    protected void onStart() {
        LogContext.worker(rt.workerId());
    }

    @Override
    protected Duration runOnce() {
        if (firstRound) {
            // started after the first claim round: its jobs have a whole lease, due for
            // extension one interval from now, as if this had started before the claim
            firstRound = false;
            return rt.config().heartbeatInterval();
        }
        List<Held> held = attempts.held();
        if (!held.isEmpty()) {
            Set<Long> still = rt.db().queue().heartbeat(rt.workerId(), held, rt.config().lease(), rt.statementNow());
            rt.health().reportSuccess();
            boolean lost = false;
            for (Held h : held) {
                if (still.contains(h.id())) {
                    continue;
                }
                // the job's fields are read before the stop: the stopped handler may return and its
                // attempt leave the in-flight set before the line is written
                try (LogContext.Scope s = attempts.logContext(h)) {
                    if (attempts.stopLost(h)) {
                        lost = true;
                        log.info("job {} is no longer held by this worker (cancelled or taken over); "
                                + "interrupting its handler", h.id());
                    }
                }
            }
            if (lost) {
                lostAny.run();
            }
        }
        return rt.config().heartbeatInterval();
    }

    @Override
    protected Duration afterFailure(Exception e) {
        rt.health().roundFailed(log, "heartbeat", e);
        return rt.config().heartbeatInterval();
    }
}
