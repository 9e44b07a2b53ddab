package io.jobfleet.engine;

import io.jobfleet.db.ClaimedJob;
import io.jobfleet.db.QueueSql;
import io.jobfleet.runtime.WorkerRuntime;
import io.jobfleet.service.LoopService;
import io.jobfleet.support.LogContext;
import io.jobfleet.wake.AdaptivePoll;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Claims due jobs while there is room and hands them to the handler pool. Room is
 * {@code concurrency} handlers plus the claimed jobs that may wait for a free handler
 * ({@link PrefetchSizer}: fixed, or sized from the jobs' run time); a
 * handler's slot frees as soon as it returns (its completion is stored by the
 * {@link CompletionWriter}, on another connection, meanwhile). While claimed jobs still wait for a
 * handler it does not claim: it claims the whole free room once they have all started (as
 * db-scheduler's lock-and-fetch waits for its lower limit), so rounds stay large instead of
 * alternating small and large. Between empty polls it waits as {@link AdaptivePoll} says; a
 * NOTIFY for its queue cuts the wait short, and so does a handler that returns with no claimed job
 * waiting while more jobs may be pending (the last round found jobs and left due ones it could not
 * take). After a round that found none, or took every due job it met, a returning handler starts
 * no round: the queue was drained, and another empty round would only delay the claim of the next
 * NOTIFY.
 */
final class ClaimLoop extends LoopService {
    private static final Logger log = LoggerFactory.getLogger(ClaimLoop.class);
    private static final Duration GATE_RECHECK = Duration.ofSeconds(1);
    /** Past a snoozed job's due time before claiming it: the database's clock decides, and may lag a little. */
    private static final Duration DUE_SLACK = Duration.ofMillis(20);

    private final WorkerRuntime rt;
    private final InFlight inFlight;
    private final ThreadPoolExecutor pool;
    private final AttemptRunner runner;
    private final AdaptivePoll poll;
    private final int concurrency;
    private final PrefetchSizer prefetch;
    private final CountDownLatch claimingStopped = new CountDownLatch(1);
    private volatile boolean claiming = true;
    private final AtomicInteger taken = new AtomicInteger();
    private volatile ClaimGate gate = ClaimGate.OPEN;
    private volatile String gateClosedBecause; // written by this loop, read by the metrics thread
    // whether a handler that returns should start a round: only while more jobs may be pending (the
    // last round found some) or claimed jobs held the loop back; else a NOTIFY or the poll does
    private volatile boolean claimOnReturn;
    // when the jobs this worker snoozed or will retry are due again, and those inserted for later
    // (the insert's notification says when), and when the current wait ends (nano clock): such a job
    // is claimed when it is due, not when a poll grown long while the queue had none due comes round
    // (a rate limit's backlog would otherwise go out in bursts a poll apart)
    private final ConcurrentSkipListSet<Long> dueNanos = new ConcurrentSkipListSet<>();
    static final int NOTICES_KEPT = 1_000;
    private volatile long waitEndsNanos = Long.MAX_VALUE;
    /**
     * Attempts whose handlers returned and whose completions still wait to be stored, past which
     * the loop claims no more until the writer has stored half of them: four of the writer's
     * batches. A handler's slot frees when it returns, so without a bound a writer that stopped
     * (a row lock, a database that takes no commit) let the worker claim and run on while ever more
     * finished attempts waited, all held, until one heartbeat statement had thousands of leases to
     * renew and could not do it before they ran out. Jobs that do nothing finish faster than one
     * writer stores them and meet this bound in every drain: it is the worker's ordinary flow
     * control, so only a wait longer than a lease is logged.
     */
    static final int UNSTORED_LIMIT = 4 * CompletionQueue.MAX_BATCH;
    private volatile boolean heldBackByStore;
    private long heldBackSinceNanos; // this loop's
    private boolean heldBackLogged; // this loop's

    ClaimLoop(WorkerRuntime rt, InFlight inFlight, ThreadPoolExecutor pool, AttemptRunner runner) {
        super("jobfleet-claim-" + rt.config().queue());
        this.rt = rt;
        this.inFlight = inFlight;
        this.pool = pool;
        this.runner = runner;
        this.concurrency = rt.config().concurrency();
        this.prefetch = PrefetchSizer.of(rt.config());
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
            return rt.config().pollMax();
        }
        if (gateClosed()) {
            return GATE_RECHECK;
        }
        waitEndsNanos = Long.MAX_VALUE; // until this round says how long it waits, a snooze wakes the loop
        int held = taken.get();
        if (holdBackForStore(inFlight.size() - held)) {
            // each completion stored meanwhile wakes the loop; else it looks again a lease later
            return min(rt.config().pollMax(), rt.config().lease());
        }
        int free = concurrency + prefetch.prefetch() - held;
        if (free <= 0 || held > concurrency) {
            // Full, or claimed jobs still wait for a handler: a round now would claim only the
            // slots freed so far, and the next one the rest (rounds alternating small and large).
            // The handler that returns with none waiting wakes us.
            claimOnReturn = true;
            return rt.config().pollMax();
        }
        long roundStart = rt.nanoTime();
        QueueSql.ClaimRound round = rt.db().queue().claimRound(rt.config().queue(), rt.workerId(), free,
                rt.config().lease(), rt.statementNow());
        List<ClaimedJob> jobs = round.jobs();
        rt.health().reportSuccess();
        for (ClaimedJob job : jobs) {
            dispatch(job);
        }
        rt.metrics().claimed(rt.config().queue(), jobs.size());
        rt.metrics().claimRound(rt.config().queue(), !jobs.isEmpty());
        if (jobs.size() == free) {
            claimOnReturn = true;
            poll.afterFound();
            return Duration.ZERO;
        }
        // a round that found some jobs but not its room may have skipped rows other workers were
        // claiming (SKIP LOCKED): claim again when a handler returns if due jobs were left (asked
        // now that this round's jobs have gone to their handlers, for a plain queue; after a round
        // by the rules, as if they were); an empty one found none
        claimOnReturn = !jobs.isEmpty()
                && (!round.plain() || rt.db().queue().dueLeft(rt.config().queue(), rt.statementNow()));
        if (claimOnReturn && taken.get() == 0) {
            return Duration.ZERO; // every handler of the round returned while it was asked
        }
        Duration wait = jobs.isEmpty() ? poll.afterEmpty() : poll.afterFound();
        // a rate limit held jobs back: claim again when its next token is due, not a poll later
        if (round.retryIn() != null) {
            wait = min(wait, round.retryIn());
        }
        return untilNextDue(roundStart, wait);
    }

    /**
     * Whether {@code unstored} finished attempts are too many to claim more, remembered in {@link
     * #heldBackByStore}: from {@link #UNSTORED_LIMIT} until half as many wait, so that a writer that
     * keeps just up does not turn claiming off and on at every batch. A wait of more than a lease is
     * logged, and its end.
     */
    private boolean holdBackForStore(int unstored) {
        boolean held = heldBackByStore ? unstored >= UNSTORED_LIMIT / 2 : unstored >= UNSTORED_LIMIT;
        long now = rt.nanoTime();
        if (held && !heldBackByStore) {
            heldBackSinceNanos = now;
        } else if (held && !heldBackLogged && now - heldBackSinceNanos >= rt.config().lease().toNanos()) {
            heldBackLogged = true;
            log.warn("claiming has waited {} s for completions to be stored: {} finished jobs wait "
                    + "(the database takes none)", Duration.ofNanos(now - heldBackSinceNanos).toSeconds(), unstored);
        } else if (!held && heldBackLogged) {
            heldBackLogged = false;
            log.info("claiming resumed: completions are being stored again");
        }
        heldBackByStore = held;
        return held;
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    /** Whether claiming waits for completions to be stored. */
    boolean heldBackByStore() {
        return heldBackByStore;
    }

    /** {@code wait}, or less when a snoozed job is due sooner; forgets the snoozes this round already saw due. */
    private Duration untilNextDue(long roundStart, Duration wait) {
        dueNanos.headSet(roundStart, true).clear();
        Long due = dueNanos.isEmpty() ? null : dueNanos.first();
        long now = rt.nanoTime();
        if (due != null) {
            wait = min(wait, Duration.ofNanos(Math.max(0, due - now)).plus(DUE_SLACK));
        }
        waitEndsNanos = now + Math.min(wait.toNanos(), Long.MAX_VALUE - now);
        return wait;
    }

    /**
     * Jobs of the queue inserted for later are due at {@code due}, when the database's clock, now at
     * {@code databaseNow}, says so: claim then. At most {@link #NOTICES_KEPT} such times are kept,
     * the earliest; a later one is claimed by a poll.
     */
    void dueAt(Instant due, Instant databaseNow) {
        long nanos = rt.nanoTime() + Math.max(0, Duration.between(databaseNow, due).toNanos());
        if (dueNanos.size() >= NOTICES_KEPT) {
            Long last = dueNanos.pollLast();
            if (last != null && last < nanos) {
                dueNanos.add(last);
                return;
            }
        }
        dueAt(nanos);
    }

    /** A job this worker ran is due again at {@code nanos}: claim then, waking the loop if it would wait longer. */
    private void dueAt(long nanos) {
        dueNanos.add(nanos);
        if (nanos + DUE_SLACK.toNanos() < waitEndsNanos) {
            wake();
        }
    }

    /** Stops claiming and waits up to {@code timeout} for a claim in progress to hand its jobs to the pool. */
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
            try (LogContext.Scope s = Attempt.logContext(job)) {
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
        rt.health().roundFailed(log, "claim", e);
        return poll.afterEmpty();
    }

    /** One claimed attempt on the pool: its slot frees when the handler returns. */
    private final class AttemptTask implements Runnable {
        private final Attempt attempt;

        AttemptTask(Attempt attempt) {
            this.attempt = attempt;
        }

        @Override
        public void run() {
            long started = System.nanoTime();
            try {
                runner.run(attempt, () -> {
                    inFlight.remove(attempt);
                    if (heldBackByStore) {
                        wake();
                    }
                });
            } finally {
                prefetch.ran(System.nanoTime() - started);
                taken.decrementAndGet();
                if (attempt.backAtNanos() != Attempt.NOT_BACK) {
                    dueAt(attempt.backAtNanos());
                }
                if (claimOnReturn && pool.getQueue().isEmpty()) {
                    wake(); // else another claimed job takes this thread: no round is due yet
                }
            }
        }
    }
}
