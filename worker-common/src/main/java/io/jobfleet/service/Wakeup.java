package io.jobfleet.service;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A wait that can be cut short. A {@link #wake()} that comes while nobody waits is remembered, so
 * the next {@link #await} returns at once: no wake-up is ever lost between two waits.
 */
public final class Wakeup {
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition woken = lock.newCondition();
    private volatile boolean pending;

    public void wake() {
        if (pending) {
            return; // already woken: the waiter returns at once (busy loops call this per event)
        }
        lock.lock();
        try {
            pending = true;
            woken.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** @return true when woken, false when the wait ran out */
    public boolean await(Duration max) throws InterruptedException {
        long nanos = Math.max(0, max.toNanos());
        lock.lock();
        try {
            while (!pending) {
                if (nanos <= 0) {
                    return false;
                }
                nanos = woken.awaitNanos(nanos);
            }
            pending = false;
            return true;
        } finally {
            lock.unlock();
        }
    }
}
