package io.jobfleet.retry;

import io.jobfleet.service.Backoff;
import java.time.Duration;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * Exponential backoff with full jitter: the delay after failed attempt {@code n} is drawn
 * uniformly from {@code [0, min(max, base * 2^(n-1))]}, so retries of many jobs that failed
 * together spread out instead of hammering the peer at once. A peer's {@code Retry-After} is a
 * floor.
 */
public final class RetryPolicy {
    private final Duration base;
    private final Duration max;
    private final RandomGenerator random;

    public RetryPolicy(Duration base, Duration max, RandomGenerator random) {
        this.base = base;
        this.max = max;
        this.random = random;
    }

    /** The upper bound of the delay after failed attempt {@code attempt} (from 1). */
    public Duration bound(int attempt) {
        return Backoff.doubled(base, max, attempt - 1);
    }

    public Duration delay(int attempt, Optional<Duration> retryAfter) {
        long bound = bound(attempt).toMillis();
        long jittered = bound == 0 ? 0 : random.nextLong(bound + 1);
        long floor = retryAfter.map(Duration::toMillis).orElse(0L);
        return Duration.ofMillis(Math.max(jittered, floor));
    }
}
