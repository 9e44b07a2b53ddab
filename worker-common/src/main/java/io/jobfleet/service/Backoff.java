package io.jobfleet.service;

import java.time.Duration;

/**
 * A wait that grows by {@code factor} after every failed (or empty) try, up to {@code max}, and
 * starts over at {@code min} after a success: 100 ms, 200 ms, 400 ms ... 5 s with factor 2. Not
 * thread-safe: each loop owns its own.
 */
public final class Backoff {
    private final Duration min;
    private final Duration max;
    private final double factor;
    private Duration next;

    public Backoff(Duration min, Duration max, double factor) {
        if (min.isNegative() || max.compareTo(min) < 0 || factor < 1) {
            throw new IllegalArgumentException("backoff needs 0 <= min <= max and factor >= 1, got "
                    + min + ", " + max + ", " + factor);
        }
        this.min = min;
        this.max = max;
        this.factor = factor;
        this.next = min;
    }

    /** Doubling from {@code min} up to {@code max}. */
    public static Backoff doubling(Duration min, Duration max) {
        return new Backoff(min, max, 2);
    }

    /**
     * The wait after {@code doublings} doublings of {@code first}, at most {@code max} (1 s, 2 s,
     * 4 s ... for 0, 1, 2 ...): the same growth for a caller that keeps the count itself, such as a
     * job's attempts, without a {@code Backoff} of its own.
     */
    public static Duration doubled(Duration first, Duration max, int doublings) {
        int shift = Math.max(0, Math.min(doublings, 30));
        long millis = first.toMillis() << shift;
        return Duration.ofMillis(millis < 0 || millis > max.toMillis() ? max.toMillis() : millis);
    }

    /** The wait before the next try; the one after it is {@code factor} times longer, up to {@code max}. */
    public Duration next() {
        Duration wait = next;
        long grown = (long) Math.ceil(next.toMillis() * factor);
        next = Duration.ofMillis(Math.min(grown, max.toMillis()));
        return wait;
    }

    /** A try succeeded: the next wait is {@code min} again. */
    public Duration reset() {
        next = min;
        return min;
    }
}
