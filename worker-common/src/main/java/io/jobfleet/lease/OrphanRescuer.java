package io.jobfleet.lease;

import io.jobfleet.db.DatabaseHealth;
import io.jobfleet.db.QueueSql.RescueOutcome;
import io.jobfleet.db.QueueSql.Rescued;
import io.jobfleet.engine.LogContext;
import io.jobfleet.engine.WorkerRuntime;
import io.jobfleet.service.LoopService;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes back jobs whose lease ran out (their worker died, hung or lost the database), from any
 * queue: to pending for another attempt, or failed when the attempts are spent.
 *
 * <p>It runs when the next lease is due to expire (the rescue statement tells it when), and at
 * least every lease + rescue interval, so a job is rescued at most lease + rescue interval after
 * its worker's last heartbeat (20 s with the defaults) while an idle fleet costs one statement
 * per 20 s.
 */
public final class OrphanRescuer extends LoopService {
    private static final Logger log = LoggerFactory.getLogger(OrphanRescuer.class);
    private static final Duration AFTER_EXPIRY = Duration.ofMillis(100);

    private final WorkerRuntime rt;

    public OrphanRescuer(WorkerRuntime rt) {
        super("jobfleet-rescue");
        this.rt = rt;
    }

    @Override
    protected void onStart() {
        LogContext.worker(rt.workerId());
    }

    @Override
    protected Duration runOnce() {
        RescueOutcome out = rt.db().queue().rescue(rt.workerId(), rt.config().rescueBatch());
        rt.health().reportSuccess();
        for (Rescued r : out.rescued()) {
            try (LogContext.Scope s = LogContext.job(r.id(), r.queue(), r.kind(), r.attempt())) {
                log.warn("rescued job {} ({}, queue {}) from worker {} that stopped renewing its lease: now {}",
                        r.id(), r.kind(), r.queue(), r.lockedBy(), r.status());
            }
            rt.metrics().rescued(r.queue(), r.kind(), r.status());
        }
        if (out.rescued().size() >= rt.config().rescueBatch()) {
            return Duration.ZERO;
        }
        Duration idle = rt.config().lease().plus(rt.config().rescueInterval());
        return out.untilNextExpiry()
                .map(d -> d.plus(AFTER_EXPIRY))
                .filter(d -> d.compareTo(idle) < 0)
                .orElse(idle);
    }

    @Override
    protected Duration afterFailure(Exception e) {
        if (DatabaseHealth.isConnectionProblem(e)) {
            rt.health().reportFailure(e);
        } else {
            log.warn("rescue failed: {}", e.toString());
        }
        return rt.config().rescueInterval();
    }
}
