package io.jobfleet.service;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A service whose work is one {@link #runOnce()} call at a time on a named thread. The loop only
 * waits, catches and logs: it never dies from an exception in the work.
 */
public abstract class LoopService implements Service {
    private static final Logger log = LoggerFactory.getLogger(LoopService.class);

    private enum State { NEW, RUNNING, STOPPED }

    private final String name;
    private final Wakeup wakeup = new Wakeup();
    private final AtomicReference<State> state = new AtomicReference<>(State.NEW);
    private volatile Thread thread;

    protected LoopService(String name) {
        this.name = name;
    }

    @Override
    public final String name() {
        return name;
    }

    /**
     * Does one round of work.
     *
     * @return how long to wait before the next round (a {@link #wake()} cuts the wait short)
     */
    protected abstract Duration runOnce() throws Exception;

    /** How long to wait after {@link #runOnce()} threw. */
    protected Duration afterFailure(Exception e) {
        log.warn("{}: {}", name, e.toString());
        return Duration.ofSeconds(1);
    }

    /** Called on the service thread before the first round (e.g. to set log context). */
    protected void onStart() {
    }

    /** Called on the service thread once the loop has ended. */
    protected void onStopped() {
    }

    @Override
    public void start() {
        if (!state.compareAndSet(State.NEW, State.RUNNING)) {
            throw new IllegalStateException(name + " was already started");
        }
        Thread t = new Thread(this::loop, name);
        t.setDaemon(true);
        thread = t;
        t.start();
    }

    /** Cuts the current wait short, or skips the next one. */
    public final void wake() {
        wakeup.wake();
    }

    protected final boolean isStopping() {
        return state.get() == State.STOPPED;
    }

    private void loop() {
        try {
            onStart();
        } catch (RuntimeException e) {
            log.warn("{}: start hook failed: {}", name, e.toString());
        }
        while (!isStopping()) {
            Duration wait;
            try {
                wait = runOnce();
            } catch (InterruptedException e) {
                if (isStopping()) {
                    break;
                }
                wait = Duration.ZERO;
            } catch (Exception e) {
                wait = afterFailure(e);
            } catch (Throwable t) {
                log.error("{}: unexpected error", name, t);
                wait = Duration.ofSeconds(1);
            }
            try {
                wakeup.await(wait);
            } catch (InterruptedException e) {
                if (isStopping()) {
                    break;
                }
            }
        }
        onStopped();
    }

    @Override
    public void stop(Duration timeout) {
        State previous = state.getAndSet(State.STOPPED);
        Thread t = thread;
        if (previous != State.RUNNING || t == null) {
            return;
        }
        wakeup.wake();
        if (t == Thread.currentThread()) {
            return;
        }
        try {
            t.join(Math.max(1, timeout.toMillis()));
            if (t.isAlive()) {
                t.interrupt();
                t.join(1000);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
