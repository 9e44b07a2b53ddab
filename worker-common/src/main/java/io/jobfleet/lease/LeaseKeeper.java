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

    public LeaseKeeper(WorkerRuntime rt, HeldAttempts attempts) {
        super("jobfleet-heartbeat");
        this.rt = rt;
        this.attempts = attempts;
    }

    @Override
    protected void onStart() {
        LogContext.worker(rt.workerId());
    }

    @Override
    protected Duration runOnce() {
        List<Held> held = attempts.held();
        if (!held.isEmpty()) {
            Set<Long> still = rt.db().queue().heartbeat(rt.workerId(), held, rt.config().lease(), rt.statementNow());
            rt.health().reportSuccess();
            for (Held h : held) {
                if (!still.contains(h.id()) && attempts.stopLost(h)) {
                    try (LogContext.Scope s = attempts.logContext(h)) {
                        log.info("job {} is no longer held by this worker (cancelled or taken over); "
                                + "interrupting its handler", h.id());
                    }
                }
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
