package io.jobfleet.engine;

import io.jobfleet.db.QueueSql.Held;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/** The attempts this worker process holds right now. */
public final class InFlight {
    private final Map<Long, Attempt> attempts = new ConcurrentHashMap<>();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition emptied = lock.newCondition();

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

    public Collection<Attempt> all() {
        return new ArrayList<>(attempts.values());
    }

    public int size() {
        return attempts.size();
    }

    public Attempt get(long id) {
        return attempts.get(id);
    }

    /** The attempts whose lease must be kept: all but those known to be lost. */
    public List<Held> held() {
        List<Held> held = new ArrayList<>();
        for (Attempt a : attempts.values()) {
            if (a.stopReason() != Attempt.StopReason.LOST) {
                held.add(new Held(a.job().id(), a.job().attempt()));
            }
        }
        return held;
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
