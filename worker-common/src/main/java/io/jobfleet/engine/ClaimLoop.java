package io.jobfleet.engine;

import io.jobfleet.db.ClaimedJob;
import io.jobfleet.db.DatabaseHealth;
import io.jobfleet.service.LoopService;
import io.jobfleet.wake.AdaptivePoll;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Semaphore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Claims due jobs while handler threads are free and hands them to the pool. Between empty polls
 * it waits as {@link AdaptivePoll} says; a NOTIFY for its queue or a freed handler thread cuts
 * the wait short.
 */
final class ClaimLoop extends LoopService {
    private static final Logger log = LoggerFactory.getLogger(ClaimLoop.class);
    private static final Duration GATE_RECHECK = Duration.ofSeconds(1);

    private final WorkerRuntime rt;
    private final InFlight inFlight;
    private final ExecutorService pool;
    private final AttemptRunner runner;
    private final Semaphore slots;
    private final AdaptivePoll poll;
    private volatile ClaimGate gate = ClaimGate.OPEN;
    private String gateClosedBecause;

    ClaimLoop(WorkerRuntime rt, InFlight inFlight, ExecutorService pool, AttemptRunner runner) {
        super("jobfleet-claim-" + rt.config().queue());
        this.rt = rt;
        this.inFlight = inFlight;
        this.pool = pool;
        this.runner = runner;
        this.slots = new Semaphore(rt.config().concurrency());
        this.poll = new AdaptivePoll(rt.config().pollMin(), rt.config().pollMax(), rt.config().pollFactor());
    }

    void gate(ClaimGate g) {
        gate = g;
    }

    @Override
    protected void onStart() {
        LogContext.worker(rt.workerId());
    }

    @Override
    protected Duration runOnce() {
        if (gateClosed()) {
            return GATE_RECHECK;
        }
        int free = slots.availablePermits();
        if (free == 0) {
            return rt.config().pollMax(); // a finished attempt wakes us
        }
        List<ClaimedJob> jobs = rt.db().queue().claim(rt.config().queue(), rt.workerId(), free, rt.config().lease());
        rt.health().reportSuccess();
        rt.metrics().claimed(rt.config().queue(), jobs.size());
        for (ClaimedJob job : jobs) {
            dispatch(job);
        }
        if (jobs.size() == free) {
            poll.afterFound();
            return Duration.ZERO;
        }
        return jobs.isEmpty() ? poll.afterEmpty() : poll.afterFound();
    }

    private boolean gateClosed() {
        String why = gate.closedBecause();
        if (why != null && gateClosedBecause == null) {
            log.warn("claiming paused: {}", why);
        } else if (why == null && gateClosedBecause != null) {
            log.info("claiming resumed");
        }
        gateClosedBecause = why;
        return why != null;
    }

    boolean claimingPaused() {
        return gateClosedBecause != null;
    }

    private void dispatch(ClaimedJob job) {
        slots.acquireUninterruptibly();
        Attempt a = new Attempt(job, System.nanoTime());
        inFlight.add(a);
        try {
            pool.execute(() -> {
                try {
                    runner.run(a);
                } finally {
                    inFlight.remove(a);
                    slots.release();
                    wake();
                }
            });
        } catch (RuntimeException e) {
            // the pool refused (shutting down): the attempt stays in flight and is handed back
            slots.release();
            try (LogContext.Scope s = LogContext.job(job)) {
                log.debug("job {} not started: {}", job.id(), e.toString());
            }
        }
    }

    @Override
    protected Duration afterFailure(Exception e) {
        if (DatabaseHealth.isConnectionProblem(e)) {
            rt.health().reportFailure(e);
        } else {
            log.warn("claim failed: {}", e.toString());
        }
        return poll.afterEmpty();
    }
}
