package io.jobfleet.config;

import java.time.Duration;

/**
 * How a worker process runs its queue. Every field has a named default; {@link #validate()} says
 * what to change when a combination cannot work.
 */
public record EngineConfig(
        String queue,
        int concurrency,
        Duration pollMin,
        Duration pollMax,
        double pollFactor,
        boolean listen,
        Duration lease,
        Duration rescueInterval,
        int rescueBatch,
        Duration grace,
        Duration retryBase,
        Duration retryMax,
        int prefetch) {

    public static final int CONCURRENCY_DEFAULT = 8;
    public static final Duration POLL_MIN_DEFAULT = Duration.ofSeconds(2);
    public static final Duration POLL_MAX_DEFAULT = Duration.ofSeconds(30);
    public static final double POLL_FACTOR_DEFAULT = 1.5;
    public static final Duration LEASE_DEFAULT = Duration.ofSeconds(15);
    public static final Duration RESCUE_INTERVAL_DEFAULT = Duration.ofSeconds(5);
    public static final int RESCUE_BATCH_DEFAULT = 100;
    public static final Duration GRACE_DEFAULT = Duration.ofSeconds(25);
    public static final Duration RETRY_BASE_DEFAULT = Duration.ofSeconds(5);
    public static final Duration RETRY_MAX_DEFAULT = Duration.ofMinutes(10);
    /**
     * Claimed jobs a process may hold waiting for a free handler thread. 0 by default: with slow
     * jobs (LLM calls) and several workers per queue, a job waiting in one process's queue while
     * another process idles is a loss. Raise it for many short jobs (throughput).
     */
    public static final int PREFETCH_DEFAULT = 0;

    public static EngineConfig defaults(String queue) {
        return new EngineConfig(queue, CONCURRENCY_DEFAULT, POLL_MIN_DEFAULT, POLL_MAX_DEFAULT,
                POLL_FACTOR_DEFAULT, true, LEASE_DEFAULT, RESCUE_INTERVAL_DEFAULT,
                RESCUE_BATCH_DEFAULT, GRACE_DEFAULT, RETRY_BASE_DEFAULT, RETRY_MAX_DEFAULT, PREFETCH_DEFAULT);
    }

    public EngineConfig validate() {
        if (queue == null || queue.isBlank()) {
            throw new ConfigException("a queue name is required");
        }
        if (concurrency < 1 || concurrency > 1024) {
            throw new ConfigException("--concurrency must be between 1 and 1024 (got " + concurrency + ")");
        }
        if (pollMin.isNegative() || pollMin.isZero() || pollMax.compareTo(pollMin) < 0) {
            throw new ConfigException("--poll-min must be positive and not above --poll-max");
        }
        if (pollFactor < 1.0) {
            throw new ConfigException("the poll backoff factor must be at least 1.0");
        }
        if (lease.compareTo(Duration.ofSeconds(3)) < 0) {
            throw new ConfigException("--lease must be at least 3s: the heartbeat renews it every lease/3 "
                    + "(got " + lease + ")");
        }
        if (rescueInterval.isNegative() || rescueInterval.isZero()) {
            throw new ConfigException("--rescue-interval must be positive");
        }
        if (grace.isNegative()) {
            throw new ConfigException("--grace must not be negative");
        }
        if (prefetch < 0 || prefetch > 10_000) {
            throw new ConfigException("--prefetch must be between 0 and 10000 (got " + prefetch + ")");
        }
        if (retryBase.isNegative() || retryMax.compareTo(retryBase) < 0) {
            throw new ConfigException("--retry-base must not be negative and not above --retry-max");
        }
        return this;
    }

    /** How often the heartbeat renews leases: a third of the lease, so two may be missed. */
    public Duration heartbeatInterval() {
        return lease.dividedBy(3);
    }

    public EngineConfig withConcurrency(int n) {
        return new EngineConfig(queue, n, pollMin, pollMax, pollFactor, listen, lease, rescueInterval,
                rescueBatch, grace, retryBase, retryMax, prefetch);
    }

    public EngineConfig withLease(Duration newLease, Duration newRescueInterval) {
        return new EngineConfig(queue, concurrency, pollMin, pollMax, pollFactor, listen, newLease,
                newRescueInterval, rescueBatch, grace, retryBase, retryMax, prefetch);
    }

    public EngineConfig withPoll(Duration min, Duration max, boolean listenOn) {
        return new EngineConfig(queue, concurrency, min, max, pollFactor, listenOn, lease, rescueInterval,
                rescueBatch, grace, retryBase, retryMax, prefetch);
    }

    public EngineConfig withRetry(Duration base, Duration max) {
        return new EngineConfig(queue, concurrency, pollMin, pollMax, pollFactor, listen, lease,
                rescueInterval, rescueBatch, grace, base, max, prefetch);
    }

    public EngineConfig withPrefetch(int n) {
        return new EngineConfig(queue, concurrency, pollMin, pollMax, pollFactor, listen, lease, rescueInterval,
                rescueBatch, grace, retryBase, retryMax, n);
    }

    public EngineConfig withGrace(Duration newGrace) {
        return new EngineConfig(queue, concurrency, pollMin, pollMax, pollFactor, listen, lease,
                rescueInterval, rescueBatch, newGrace, retryBase, retryMax, prefetch);
    }
}
