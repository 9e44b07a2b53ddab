package io.jobfleet.wake;

import java.time.Duration;

/**
 * The poll interval: starts at {@code min}, grows by {@code factor} after every empty poll up to
 * {@code max}, and drops back to {@code min} as soon as a poll finds a job. With the defaults:
 * 2 s, 3 s, 4.5 s, ... 30 s. Not thread-safe: owned by the claim loop.
 */
public final class AdaptivePoll {
    private final Duration min;
    private final Duration max;
    private final double factor;
    private Duration next;

    public AdaptivePoll(Duration min, Duration max, double factor) {
        this.min = min;
        this.max = max;
        this.factor = factor;
        this.next = min;
    }

    /** A poll found no job: returns how long to wait, and grows the wait after that. */
    public Duration afterEmpty() {
        Duration wait = next;
        long grown = (long) Math.ceil(next.toMillis() * factor);
        next = Duration.ofMillis(Math.min(grown, max.toMillis()));
        return wait;
    }

    /** A poll found a job: back to the shortest wait. */
    public Duration afterFound() {
        next = min;
        return min;
    }
}
