package io.jobfleet.lease;

import io.jobfleet.db.QueueSql.Ended;
import io.jobfleet.db.QueueSql.RescueOutcome;
import io.jobfleet.db.QueueSql.Rescued;
import io.jobfleet.runtime.WorkerRuntime;
import io.jobfleet.service.LoopService;
import io.jobfleet.support.LogContext;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes back jobs whose lease ran out (their worker died, hung or lost the database), from any
 * queue: to pending for another attempt, or failed when the attempts are spent. It also runs the
 * failure writes owed by jobs of its kinds that ended elsewhere (cancelled after they started,
 * unlocked to failed by an operator), so the app's row never stays in PROCESSING; the heartbeat
 * wakes it when it learns that a held job was cancelled.
 *
 * <p>It runs when the next lease is due to expire (the rescue statement tells it when), and at
 * least every lease + rescue interval, so a job is rescued at most lease + rescue interval after
 * its worker's last heartbeat (20 s with the defaults). When nothing is running or pending
 * anywhere, no job can be orphaned until a new one is inserted: with LISTEN on, it then sleeps
 * until a notification says work arrived ({@link #workArrived()}), or {@link #QUIET_MAX} at most,
 * so an idle fleet costs almost nothing.
 */
public final class OrphanRescuer extends LoopService {
    private static final Logger log = LoggerFactory.getLogger(OrphanRescuer.class);
    private static final Duration AFTER_EXPIRY = Duration.ofMillis(100);
    /** Longest sleep while the whole table is quiet (only with LISTEN on). */
    public static final Duration QUIET_MAX = Duration.ofMinutes(5);

    private final WorkerRuntime rt;
    private final SpentJobWrites hooks;
    private final BooleanSupplier hearsNotifications;
    private volatile boolean quiet;

    /**
     * {@code hooks}: this process's families' failure writes (a spent job is failed only by a
     * worker that knows its kind); {@code hearsNotifications}: whether this process's LISTEN
     * connection is up right now.
     */
    public OrphanRescuer(WorkerRuntime rt, SpentJobWrites hooks, BooleanSupplier hearsNotifications) {
        super("jobfleet-rescue");
        this.rt = rt;
        this.hooks = hooks;
        this.hearsNotifications = hearsNotifications;
    }

    @Override
    protected void onStart() {
        LogContext.worker(rt.workerId());
    }

    @Override
    protected Duration runOnce() {
        RescueOutcome out = rt.db().queue().rescue(rt.workerId(), rt.config().rescueBatch(), hooks.kinds(), hooks,
                rt.statementNow());
        rt.health().reportSuccess();
        for (Rescued r : out.rescued()) {
            try (LogContext.Scope s = LogContext.job(r.id(), r.queue(), r.kind(), r.attempt())) {
                log.warn("rescued job {} ({}, queue {}) from worker {} that stopped renewing its lease: now {}",
                        r.id(), r.kind(), r.queue(), r.lockedBy(), r.status());
            }
            rt.metrics().rescued(r.queue(), r.kind(), r.status());
        }
        List<Ended> ended = rt.db().queue().runOwedFailureWrites(rt.config().rescueBatch(), hooks.kinds(), hooks);
        for (Ended e : ended) {
            try (LogContext.Scope s = LogContext.job(e.id(), e.queue(), e.kind(), e.attempt())) {
                log.info("ran the failure writes of job {} ({}), {} elsewhere", e.id(), e.kind(), e.status());
            }
        }
        if (out.rescued().size() >= rt.config().rescueBatch() || ended.size() >= rt.config().rescueBatch()) {
            return Duration.ZERO;
        }
        quiet = out.quiet() && ended.isEmpty() && hearsNotifications.getAsBoolean();
        if (quiet) {
            return QUIET_MAX;
        }
        Duration idle = rt.config().lease().plus(rt.config().rescueInterval());
        return out.untilNextExpiry()
                .map(d -> d.plus(AFTER_EXPIRY))
                .filter(d -> d.compareTo(idle) < 0)
                .orElse(idle);
    }

    /** A notification said jobs were inserted: leave the quiet sleep, if in it. */
    public void workArrived() {
        if (quiet) {
            quiet = false;
            wake();
        }
    }

    /** The clock jumped: look for expired leases now, unless quiet (nothing can expire then). */
    public void clockMoved() {
        if (!quiet) {
            wake();
        }
    }

    @Override
    protected Duration afterFailure(Exception e) {
        quiet = false;
        rt.health().roundFailed(log, "rescue", e);
        return rt.config().rescueInterval();
    }
}
