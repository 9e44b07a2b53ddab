package io.jobfleet.engine;

import io.jobfleet.db.DatabaseHealth;
import io.jobfleet.db.QueueSql.Held;
import io.jobfleet.lease.LeaseKeeper;
import io.jobfleet.lease.WorkerRegistration;
import io.jobfleet.lease.OrphanRescuer;
import io.jobfleet.metrics.WorkerGauges;
import io.jobfleet.retry.RetryPolicy;
import io.jobfleet.runtime.WorkerRuntime;
import io.jobfleet.support.LogContext;
import io.jobfleet.wake.DueNotice;
import io.jobfleet.wake.NotifyListener;
import io.jobfleet.watchdog.TimeoutWatchdog;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One worker process's engine for one queue: wiring only. Start order: watchdog, listener,
 * completion writer, progress writer, claim loop; then, once the first claim round is done (or
 * after {@link DatabaseHealth#FIRST_ROUND_WAIT}, when a gate holds claiming back), heartbeat,
 * registry row and rescuer. Stop order:
 * stop claiming, drain within the grace period (completions and progress are still stored), hand
 * the rest back uncharged, then stop the progress writer, the completion writer (storing what is
 * left), the heartbeat and the others, removing the registry row last.
 */
public final class Worker implements WorkerGauges.Source {
    private static final Logger log = LoggerFactory.getLogger(Worker.class);
    private static final Duration STUCK_AFTER_TIMEOUT = Duration.ofSeconds(10);

    private final WorkerRuntime rt;
    private final InFlight inFlight;
    private final ThreadPoolExecutor pool;
    private final AttemptRunner runner;
    private final OutcomeRecorder recorder;
    private final CompletionQueue completions;
    private final CompletionWriter writer;
    private final ProgressWriter progress;
    private final ClaimLoop claimLoop;
    private final LeaseKeeper leaseKeeper;
    private final WorkerRegistration registration;
    private final OrphanRescuer rescuer;
    private final TimeoutWatchdog<Attempt> watchdog;
    private final NotifyListener listener;
    private final AtomicReference<State> state = new AtomicReference<>(State.NEW);
    /** Held while the heartbeat, the registry row and the rescuer start, and while they stop. */
    private final Object laterServices = new Object();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile boolean cutGrace;

    private enum State { NEW, RUNNING, STOPPING, STOPPED }

    public Worker(WorkerRuntime rt, HandlerRegistry handlers) {
        this.rt = rt;
        this.inFlight = new InFlight(rt::nanoTime);
        this.pool = new ThreadPoolExecutor(rt.config().concurrency(), rt.config().concurrency(), 60, TimeUnit.SECONDS,
                new java.util.concurrent.LinkedBlockingQueue<>(), named("jobfleet-handler-" + rt.config().queue()));
        this.completions = new CompletionQueue(rt);
        FailureHooks hooks = new FailureHooks(handlers);
        this.recorder = new OutcomeRecorder(rt, hooks, new RetryPolicy(rt.config().retryBase(), rt.config().retryMax(),
                RandomGenerator.getDefault()), completions);
        this.progress = new ProgressWriter(rt);
        this.runner = new AttemptRunner(rt, handlers, recorder, progress);
        this.writer = new CompletionWriter(rt, completions);
        this.claimLoop = new ClaimLoop(rt, inFlight, pool, runner);
        this.rescuer = new OrphanRescuer(rt, hooks, this::listening);
        this.leaseKeeper = new LeaseKeeper(rt, inFlight, rescuer::wake);
        this.registration = new WorkerRegistration(rt, inFlight, handlers.kinds());
        this.watchdog = new TimeoutWatchdog<>(new TimeoutWatchdog.Watch<>(rt.workerId(), inFlight::all, rt::nanoTime),
                STUCK_AFTER_TIMEOUT, this::recordStuckTimeout);
        // behind a transaction-mode pooler LISTEN needs a direct connection (--listen-url)
        boolean listen = rt.config().listen() && rt.db().config().pooler().canListen();
        this.listener = listen ? new NotifyListener(rt.db(), rt.workerId(), this::notified) : null;
    }

    /** A notification's payload: jobs of a queue due now, or inserted for later ({@link DueNotice}). */
    private void notified(String payload) {
        String queue = rt.config().queue();
        if (payload.equals(queue) || payload.equals(NotifyListener.ANY_QUEUE)) {
            claimLoop.wake();
        } else {
            DueNotice.parse(payload).filter(n -> n.queue().equals(queue))
                    .ifPresent(n -> claimLoop.dueAt(n.due(), listener.databaseNow()));
        }
        rescuer.workArrived();
    }

    public String workerId() {
        return rt.workerId();
    }

    @Override
    public String queue() {
        return rt.config().queue();
    }

    /** The attempts this worker runs now (claimed, running or being recorded). */
    @Override
    public int inFlight() {
        return inFlight.size();
    }

    @Override
    public int prefetched() {
        return pool.getQueue().size();
    }

    /**
     * The clock jumped forward (a test moved its clock): every timed service looks again now
     * instead of at the time it planned, except a quiet rescuer, which waits for new jobs.
     */
    public void clockMoved() {
        watchdog.wake();
        leaseKeeper.wake();
        rescuer.clockMoved();
        claimLoop.wake();
    }

    /** Lets a family hold claiming back, e.g. while its LLM endpoint's breaker is open. */
    public void claimGate(ClaimGate gate) {
        claimLoop.gate(gate);
    }

    @Override
    public boolean claimingPaused() {
        return claimLoop.claimingPaused();
    }

    /** Whether claiming waits for the completions of finished jobs to be stored ({@link ClaimLoop#UNSTORED_LIMIT}). */
    boolean claimingHeldBackByStore() {
        return claimLoop.heldBackByStore();
    }

    /** Started and not shutting down: claiming (unless paused) and running jobs. */
    public boolean isRunning() {
        return state.get() == State.RUNNING;
    }

    /** Shut down completely (or never started and shut down). */
    public boolean isStopped() {
        return state.get() == State.STOPPED;
    }

    public boolean listening() {
        return listener != null && listener.isConnected();
    }

    public void start() {
        if (!state.compareAndSet(State.NEW, State.RUNNING)) {
            throw new IllegalStateException("worker already started");
        }
        watchdog.start();
        if (listener != null) {
            listener.start();
        }
        writer.start();
        progress.start();
        claimLoop.start();
        // The first claim goes first: on two cores the first statements of the heartbeat, the
        // registry row and the rescuer (and the code behind them, run for the first time) took
        // the CPU beside it, and it came last. The heartbeat has nothing to extend before the
        // first claim; the rescuer's bound (lease + interval) is not moved by a round's time.
        rt.health().afterFirstRound("jobfleet-start-" + rt.config().queue(), this::startLaterServices);
        log.info("worker {} started: queue {}, concurrency {}, lease {} s, {}", rt.workerId(), rt.config().queue(),
                rt.config().concurrency(), rt.config().lease().toSeconds(),
                listener != null ? "LISTEN/NOTIFY with poll fallback" : rt.config().listen()
                        ? "poll only (LISTEN is off behind a transaction-mode pooler; give --listen-url for it)"
                        : "poll only (--no-listen)");
    }

    private void startLaterServices() {
        synchronized (laterServices) {
            if (state.get() != State.RUNNING) {
                return; // shutting down: they are stopped, never started
            }
            leaseKeeper.start();
            registration.start();
            rescuer.start();
        }
    }

    /** Asks a running {@link #shutdown} to stop waiting for attempts and hand them back at once. */
    public void cutGrace() {
        cutGrace = true;
    }

    /**
     * Stops claiming, lets running attempts finish within {@code grace}, hands the rest back to
     * pending without charging the attempt, then stops every service. Idempotent; a second caller
     * waits for the first to finish.
     *
     * @return the number of attempts handed back
     */
    public int shutdown(Duration grace) {
        if (!state.compareAndSet(State.RUNNING, State.STOPPING)) {
            if (state.compareAndSet(State.NEW, State.STOPPED)) {
                stopped.countDown();
                return 0;
            }
            awaitStopped();
            return 0;
        }
        int handedBack = 0;
        try {
            claimLoop.stopClaiming(Duration.ofSeconds(5)); // the writer keeps storing completions
            if (listener != null) {
                listener.stop(Duration.ofSeconds(2));
            }
            // prefetched jobs that never started go back at once
            handedBack += handBack(claimLoop.takeQueued());
            pool.shutdown();
            int running = inFlight.size();
            if (running > 0) {
                log.info("shutting down: waiting up to {} s for {} running attempt(s)", grace.toSeconds(), running);
            }
            long deadline = System.nanoTime() + grace.toNanos();
            while (!cutGrace && !inFlight.awaitEmpty(Math.min(deadline - System.nanoTime(), 200_000_000L))) {
                if (System.nanoTime() - deadline >= 0) {
                    break;
                }
            }
            handedBack += handBack(inFlight.all().stream().filter(a -> !a.recording()).toList());
            // outcomes being stored when the grace ran out: give them a moment to land
            inFlight.awaitEmpty(Duration.ofSeconds(2).toNanos());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            handedBack += handBack(inFlight.all().stream().filter(a -> !a.recording()).toList());
        } finally {
            recorder.abandonRetries();
            pool.shutdownNow();
            try {
                pool.awaitTermination(2, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            claimLoop.stop(Duration.ofSeconds(2));
            progress.stop(Duration.ofSeconds(2));
            writer.stop(Duration.ofSeconds(2));
            completions.flushRemaining(Duration.ofSeconds(2));
            watchdog.stop(Duration.ofSeconds(1));
            synchronized (laterServices) {
                rescuer.stop(Duration.ofSeconds(2));
                leaseKeeper.stop(Duration.ofSeconds(2));
                registration.stop(Duration.ofSeconds(2));
            }
            state.set(State.STOPPED);
            stopped.countDown();
            log.info("worker {} stopped ({} attempt(s) handed back)", rt.workerId(), handedBack);
        }
        return handedBack;
    }

    /** Gives attempts that have not finished back to pending, uncharged, and forgets them. */
    private int handBack(List<Attempt> attempts) {
        if (attempts.isEmpty()) {
            return 0;
        }
        long now = rt.nanoTime();
        for (Attempt a : attempts) {
            a.stop(Attempt.StopReason.SHUTDOWN, now);
        }
        List<Held> held = attempts.stream().map(a -> a.job().held()).toList();
        try {
            int n = rt.db().queue().handBack(rt.workerId(), held);
            rt.metrics().handedBack(rt.config().queue(), n);
            log.info("handed {} unfinished attempt(s) back to pending, uncharged", n);
            for (Attempt a : attempts) {
                if (!a.recording()) {
                    inFlight.remove(a);
                }
            }
            return n;
        } catch (Exception e) {
            log.warn("could not hand {} attempt(s) back ({}); their leases will expire and another worker "
                    + "will rescue them", held.size(), e.toString());
            return 0;
        }
    }

    public void awaitStopped() {
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void recordStuckTimeout(Attempt a) {
        try (LogContext.Scope s = a.logContext()) {
            runner.recordFailure(a, ErrorClasses.TIMEOUT, "attempt " + a.job().attempt() + " ran past its "
                    + a.job().timeoutSeconds() + " s timeout and did not stop when interrupted",
                    false, Optional.empty(), Duration.ofSeconds(a.job().timeoutSeconds()));
        } catch (Exception e) {
            log.warn("job {}: could not record the timeout: {}", a.job().id(), e.toString());
        }
    }

    private static ThreadFactory named(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
