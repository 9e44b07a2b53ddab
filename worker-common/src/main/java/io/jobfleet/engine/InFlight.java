package io.jobfleet.engine;

import io.jobfleet.db.QueueSql.Held;
import io.jobfleet.lease.HeldAttempts;
import io.jobfleet.support.LogContext;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;

/** The attempts this worker process holds right now. */
final class InFlight implements HeldAttempts {
    private final Map<Long, Attempt> attempts = new ConcurrentHashMap<>();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition emptied = lock.newCondition();
    private final LongSupplier nanoTime;

    InFlight(LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
    }

    void add(Attempt a) {
        attempts.put(a.job().id(), a);
    }

    void remove(Attempt a) {
        attempts.remove(a.job().id(), a);
        if (attempts.isEmpty()) {
            lock.lock();
            try {
                emptied.signalAll();
            } finally {
                lock.unlock();
            }
        }
    }

    Collection<Attempt> all() {
        return new ArrayList<>(attempts.values());
    }

    int size() {
        return attempts.size();
    }

    Attempt get(long id) {
        return attempts.get(id);
    }

    @Override
    public List<Held> held() {
        List<Held> held = new ArrayList<>();
        for (Attempt a : attempts.values()) {
            if (a.stopReason() != Attempt.StopReason.LOST) {
                held.add(a.job().held());
            }
        }
        return held;
    }

    @Override
    public boolean stopLost(Held held) {
        Attempt a = attempts.get(held.id());
        return a != null && a.job().claimToken() == held.token()
                && a.stop(Attempt.StopReason.LOST, nanoTime.getAsLong());
    }

    @Override
    public LogContext.Scope logContext(Held held) {
        Attempt a = attempts.get(held.id());
        return a != null ? a.logContext() : LogContext.job(held.id(), null, null, held.attempt());
    }

    /** Waits until no attempt is in flight; false when {@code nanos} ran out first. */
    boolean awaitEmpty(long nanos) throws InterruptedException {
        lock.lock();
        try {
            while (!attempts.isEmpty()) {
                if (nanos <= 0) {
                    return false;
                }
                nanos = emptied.awaitNanos(Math.min(nanos, 100_000_000L));
            }
            return true;
        } finally {
            lock.unlock();
        }
    }
}
