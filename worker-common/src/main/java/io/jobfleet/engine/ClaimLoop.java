package io.jobfleet.engine;

import io.jobfleet.db.ClaimedJob;
import io.jobfleet.db.DatabaseHealth;
import io.jobfleet.db.QueueSql.ClaimRound;
import io.jobfleet.engine.CompletionBatcher.Pending;
import io.jobfleet.service.LoopService;
import io.jobfleet.wake.AdaptivePoll;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Claims due jobs while there is room and hands them to the handler pool. Room is
 * {@code concurrency} handlers plus {@code prefetch} claimed jobs waiting for a free handler; a
 * handler's slot frees as soon as it returns. The same statement stores the completions waiting
 * in the {@link CompletionBatcher}: a busy worker pays one round trip and one commit per round,
 * not two. Between empty polls it waits as {@link AdaptivePoll} says; a NOTIFY for its queue or a
 * returning handler cuts the wait short. At shutdown it first stops claiming but keeps storing
 * completions until it is stopped.
 */
final class ClaimLoop extends LoopService {
    private static final Logger log = LoggerFactory.getLogger(ClaimLoop.class);
    private static final Duration GATE_RECHECK = Duration.ofSeconds(1);
    private static final Duration STORE_RETRY_MIN = Duration.ofMillis(100);
    private static final Duration STORE_RETRY_MAX = Duration.ofSeconds(5);

    private final WorkerRuntime rt;
    private final InFlight inFlight;
    private final ThreadPoolExecutor pool;
    private final AttemptRunner runner;
    private final CompletionBatcher completions;
    private final AdaptivePoll poll;
    private final int room;
    private final CountDownLatch claimingStopped = new CountDownLatch(1);
    private volatile boolean claiming = true;
    private Duration storeRetry = STORE_RETRY_MIN;
    private final AtomicInteger taken = new AtomicInteger();
    private volatile ClaimGate gate = ClaimGate.OPEN;
    private String gateClosedBecause;

    ClaimLoop(WorkerRuntime rt, InFlight inFlight, ThreadPoolExecutor pool, AttemptRunner runner,
              CompletionBatcher completions) {
        super("jobfleet-claim-" + rt.config().queue());
        this.rt = rt;
        this.inFlight = inFlight;
        this.pool = pool;
        this.runner = runner;
        this.completions = completions;
        this.room = rt.config().concurrency() + rt.config().prefetch();
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
        if (!claiming) {
            claimingStopped.countDown();
        }
        boolean gateOpen = !gateClosed();
        int free = claiming && gateOpen ? room - taken.get() : 0;
        List<Pending> finished = completions.take();
        if (free <= 0 && finished.isEmpty()) {
            return gateOpen ? rt.config().pollMax() : GATE_RECHECK; // a handler that returns wakes us
        }
        ClaimRound round;
        try {
            round = completions.storeAndClaim(finished, Math.max(free, 0));
        } catch (RuntimeException e) {
            completions.notStored(finished, e);
            throw e;
        }
        rt.health().reportSuccess();
        storeRetry = STORE_RETRY_MIN;
        completions.landed(finished, round.completed());
        if (free <= 0) {
            return gateOpen ? rt.config().pollMax() : GATE_RECHECK;
        }
        List<ClaimedJob> jobs = round.claimed();
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

    /**
     * Stops claiming (completions are still stored) and waits up to {@code timeout} for a claim
     * in progress to hand its jobs to the pool.
     */
    void stopClaiming(Duration timeout) throws InterruptedException {
        claiming = false;
        wake();
        claimingStopped.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
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
        Attempt a = new Attempt(job);
        inFlight.add(a);
        taken.incrementAndGet();
        try {
            pool.execute(new AttemptTask(a));
        } catch (RuntimeException e) {
            // the pool refused (shutting down): the attempt stays in flight and is handed back
            taken.decrementAndGet();
            try (LogContext.Scope s = LogContext.job(job)) {
                log.debug("job {} not started: {}", job.id(), e.toString());
            }
        }
    }

    /** Claimed attempts still waiting for a handler thread, taken off the pool's queue. */
    List<Attempt> takeQueued() {
        List<Runnable> queued = new ArrayList<>();
        pool.getQueue().drainTo(queued);
        List<Attempt> attempts = new ArrayList<>();
        for (Runnable r : queued) {
            if (r instanceof AttemptTask t) {
                attempts.add(t.attempt);
                taken.decrementAndGet();
            }
        }
        return attempts;
    }

    @Override
    protected Duration afterFailure(Exception e) {
        if (DatabaseHealth.isConnectionProblem(e)) {
            rt.health().reportFailure(e);
        } else {
            log.warn("claim failed: {}", e.toString());
        }
        Duration wait = poll.afterEmpty();
        if (completions.hasWaiting()) {
            // completions wait for the database: retry sooner than an empty poll would
            wait = storeRetry.compareTo(wait) < 0 ? storeRetry : wait;
            storeRetry = storeRetry.multipliedBy(2).compareTo(STORE_RETRY_MAX) > 0 ? STORE_RETRY_MAX
                    : storeRetry.multipliedBy(2);
        }
        return wait;
    }

    /** One claimed attempt on the pool: its slot frees when the handler returns. */
    private final class AttemptTask implements Runnable {
        private final Attempt attempt;

        AttemptTask(Attempt attempt) {
            this.attempt = attempt;
        }

        @Override
        public void run() {
            try {
                runner.run(attempt, () -> inFlight.remove(attempt));
            } finally {
                taken.decrementAndGet();
                wake();
            }
        }
    }
}
