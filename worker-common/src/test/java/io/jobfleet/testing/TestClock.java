package io.jobfleet.testing;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A clock for the engine that runs with real time plus an offset the test moves forward with
 * {@link #advance}: a lease, a retry delay or a timeout passes in a millisecond. It never runs
 * behind the database's {@code now()}, so rows the app inserts with {@code now()} stay due.
 */
public final class TestClock implements InstantSource {
    private final AtomicLong offsetNanos = new AtomicLong();
    private final List<Runnable> onAdvance = new CopyOnWriteArrayList<>();

    /** Runs {@code action} after every {@link #advance} (the workers on this clock look again). */
    public void onAdvance(Runnable action) {
        onAdvance.add(action);
    }

    @Override
    public Instant instant() {
        return Instant.now().plusNanos(offsetNanos.get());
    }

    public void advance(Duration d) {
        if (d.isNegative()) {
            throw new IllegalArgumentException("the clock only moves forward");
        }
        offsetNanos.addAndGet(d.toNanos());
        onAdvance.forEach(Runnable::run);
    }
}
