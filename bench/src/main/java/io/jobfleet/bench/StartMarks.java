package io.jobfleet.bench;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the benchmark handlers record when they start: the first start of a drain, how many ran,
 * and (for latency runs) the start time of each keyed job, which a waiter can block on.
 */
final class StartMarks {
    private final AtomicLong first = new AtomicLong();
    private final AtomicLong count = new AtomicLong();
    private final Map<Long, Long> byKey = new ConcurrentHashMap<>();
    private final CountDownLatch all;

    /** Marks of a latency run: each start is awaited by key. */
    StartMarks() {
        this(0);
    }

    /** Marks of a drain of {@code expected} jobs: {@link #awaitAll} returns once that many started. */
    StartMarks(long expected) {
        this.all = new CountDownLatch((int) Math.min(Integer.MAX_VALUE, expected));
    }

    /** Called by a handler as its first action. */
    void started() {
        long now = System.nanoTime();
        first.compareAndSet(0, now);
        count.incrementAndGet();
        all.countDown();
    }

    /** Waits until every expected job has started; false when {@code timeoutNanos} ran out first. */
    boolean awaitAll(long timeoutNanos) throws InterruptedException {
        return all.await(timeoutNanos, TimeUnit.NANOSECONDS);
    }

    /** Called by a latency handler as its first action, with the job's key. */
    void started(long key) {
        long now = System.nanoTime();
        first.compareAndSet(0, now);
        count.incrementAndGet();
        byKey.put(key, now);
        synchronized (this) {
            notifyAll();
        }
    }

    long firstNanos() {
        return first.get();
    }

    long count() {
        return count.get();
    }

    /** Waits for the job with {@code key} to start; returns its start time in {@link System#nanoTime()}. */
    long awaitStart(long key, long timeoutMillis) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        synchronized (this) {
            while (true) {
                Long t = byKey.get(key);
                if (t != null) {
                    return t;
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new IllegalStateException("job " + key + " did not start within " + timeoutMillis + " ms");
                }
                TimeUnit.NANOSECONDS.timedWait(this, Math.min(left, TimeUnit.MILLISECONDS.toNanos(50)));
            }
        }
    }
}
