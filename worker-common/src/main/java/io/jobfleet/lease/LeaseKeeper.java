package io.jobfleet.lease;

import io.jobfleet.db.DatabaseHealth;
import io.jobfleet.db.QueueSql.Held;
import io.jobfleet.engine.Attempt;
import io.jobfleet.engine.InFlight;
import io.jobfleet.engine.LogContext;
import io.jobfleet.engine.WorkerRuntime;
import io.jobfleet.service.LoopService;
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
    private final InFlight inFlight;

    public LeaseKeeper(WorkerRuntime rt, InFlight inFlight) {
        super("jobfleet-heartbeat");
        this.rt = rt;
        this.inFlight = inFlight;
    }

    @Override
    protected void onStart() {
        LogContext.worker(rt.workerId());
    }

    @Override
    protected Duration runOnce() {
        List<Held> held = inFlight.held();
        if (!held.isEmpty()) {
            Set<Long> still = rt.db().queue().heartbeat(rt.workerId(), held, rt.config().lease());
            rt.health().reportSuccess();
            for (Held h : held) {
                if (!still.contains(h.id())) {
                    Attempt a = inFlight.get(h.id());
                    if (a != null && a.job().attempt() == h.attempt()
                            && a.stop(Attempt.StopReason.LOST, System.nanoTime())) {
                        try (LogContext.Scope s = LogContext.job(a.job())) {
                            log.info("job {} is no longer held by this worker (cancelled or taken over); "
                                    + "interrupting its handler", h.id());
                        }
                    }
                }
            }
        }
        return rt.config().heartbeatInterval();
    }

    @Override
    protected Duration afterFailure(Exception e) {
        if (DatabaseHealth.isConnectionProblem(e)) {
            rt.health().reportFailure(e);
        } else {
            log.warn("heartbeat failed: {}", e.toString());
        }
        return rt.config().heartbeatInterval();
    }
}
