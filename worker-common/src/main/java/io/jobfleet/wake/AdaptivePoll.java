package io.jobfleet.wake;

import io.jobfleet.service.Backoff;
import java.time.Duration;

/**
 * The poll interval: starts at {@code min}, grows by {@code factor} after every empty poll up to
 * {@code max}, and drops back to {@code min} as soon as a poll finds a job. With the defaults:
 * 2 s, 3 s, 4.5 s, ... 30 s. Not thread-safe: owned by the claim loop.
 */
public final class AdaptivePoll {
    private final Backoff backoff;

    public AdaptivePoll(Duration min, Duration max, double factor) {
        this.backoff = new Backoff(min, max, factor);
    }

    /** A poll found no job: returns how long to wait, and grows the wait after that. */
    public Duration afterEmpty() {
        return backoff.next();
    }

    /** A poll found a job: back to the shortest wait. */
    public Duration afterFound() {
        return backoff.reset();
    }
}
