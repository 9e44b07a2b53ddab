package io.jobfleet.config;

import java.time.Duration;
import java.util.OptionalInt;

/**
 * How a worker process runs its queue. Every field has a named default, which the flags of
 * {@code run} show and use (the {@code *_TEXT} constants are the same defaults as Picocli reads
 * them); built with {@link #builder(String)}, validated when built, with messages that say what to
 * change.
 */
public final class EngineConfig {
    public static final int CONCURRENCY_DEFAULT = 8;
    public static final int CONCURRENCY_MAX = 1024;
    public static final String POLL_MIN_DEFAULT_TEXT = "2s";
    public static final Duration POLL_MIN_DEFAULT = DurationConverter.parse(POLL_MIN_DEFAULT_TEXT);
    public static final String POLL_MAX_DEFAULT_TEXT = "30s";
    public static final Duration POLL_MAX_DEFAULT = DurationConverter.parse(POLL_MAX_DEFAULT_TEXT);
    public static final double POLL_FACTOR_DEFAULT = 1.5;
    public static final boolean LISTEN_DEFAULT = true;
    public static final String LEASE_DEFAULT_TEXT = "15s";
    public static final Duration LEASE_DEFAULT = DurationConverter.parse(LEASE_DEFAULT_TEXT);
    public static final String RESCUE_INTERVAL_DEFAULT_TEXT = "5s";
    public static final Duration RESCUE_INTERVAL_DEFAULT = DurationConverter.parse(RESCUE_INTERVAL_DEFAULT_TEXT);
    public static final int RESCUE_BATCH_DEFAULT = 100;
    public static final String GRACE_DEFAULT_TEXT = "25s";
    public static final Duration GRACE_DEFAULT = DurationConverter.parse(GRACE_DEFAULT_TEXT);
    public static final String RETRY_BASE_DEFAULT_TEXT = "5s";
    public static final Duration RETRY_BASE_DEFAULT = DurationConverter.parse(RETRY_BASE_DEFAULT_TEXT);
    public static final String RETRY_MAX_DEFAULT_TEXT = "10m";
    public static final Duration RETRY_MAX_DEFAULT = DurationConverter.parse(RETRY_MAX_DEFAULT_TEXT);
    /**
     * Claimed jobs a process may hold waiting for a free handler thread: {@code auto} by default,
     * sized from how long the queue's jobs run (none for slow jobs such as LLM calls, where a job
     * waiting in one process while another idles is a loss; up to 3 per thread for jobs of a few
     * milliseconds, where one claim round per free thread would bound the throughput). A number
     * fixes it.
     */
    public static final String PREFETCH_DEFAULT_TEXT = "auto";
    /** The held jobs {@code --prefetch auto} allows at most, per handler thread. */
    public static final int PREFETCH_AUTO_PER_THREAD = 3;
    public static final int PREFETCH_MAX = 10_000;
    private static final int PREFETCH_AUTO = -1;
    private static final String PREFETCH_REQUIREMENT = PREFETCH_DEFAULT_TEXT + ", or between 0 and " + PREFETCH_MAX;
    private static final Duration LEASE_MIN = Duration.ofSeconds(3);

    private final String queue;
    private final int concurrency;
    private final Duration pollMin;
    private final Duration pollMax;
    private final double pollFactor;
    private final boolean listen;
    private final Duration lease;
    private final Duration rescueInterval;
    private final int rescueBatch;
    private final Duration grace;
    private final Duration retryBase;
    private final Duration retryMax;
    private final int prefetch;

    private EngineConfig(Builder b) {
        if (b.queue == null || b.queue.isBlank()) {
            throw ConfigException.invalid("the queue name", "set by the worker family", b.queue);
        }
        if (b.concurrency < 1 || b.concurrency > CONCURRENCY_MAX) {
            throw ConfigException.invalid("--concurrency", "between 1 and " + CONCURRENCY_MAX, b.concurrency);
        }
        if (!positive(b.pollMin)) {
            throw ConfigException.invalid("--poll-min", "a positive duration such as 2s", b.pollMin);
        }
        if (b.pollMax == null || b.pollMax.compareTo(b.pollMin) < 0) {
            throw ConfigException.invalid("--poll-max", "at least --poll-min (" + RetentionConfig.readable(b.pollMin)
                    + ")", b.pollMax);
        }
        if (b.pollFactor < 1.0) {
            throw ConfigException.invalid("the poll backoff factor", "at least 1.0", b.pollFactor);
        }
        if (b.lease == null || b.lease.compareTo(LEASE_MIN) < 0) {
            throw ConfigException.invalid("--lease", "at least 3s: the heartbeat renews it every lease/3", b.lease);
        }
        if (!positive(b.rescueInterval)) {
            throw ConfigException.invalid("--rescue-interval", "a positive duration such as 5s", b.rescueInterval);
        }
        if (b.rescueBatch < 1) {
            throw ConfigException.invalid("the rescue batch", "at least 1", b.rescueBatch);
        }
        if (b.grace == null || b.grace.isNegative()) {
            throw ConfigException.invalid("--grace", "a duration such as 25s, or 0 to hand back at once", b.grace);
        }
        if (b.prefetch != PREFETCH_AUTO && (b.prefetch < 0 || b.prefetch > PREFETCH_MAX)) {
            throw ConfigException.invalid("--prefetch", PREFETCH_REQUIREMENT, b.prefetch);
        }
        if (b.retryBase == null || b.retryBase.isNegative()) {
            throw ConfigException.invalid("--retry-base", "a duration such as 5s", b.retryBase);
        }
        if (b.retryMax == null || b.retryMax.compareTo(b.retryBase) < 0) {
            throw ConfigException.invalid("--retry-max", "at least --retry-base ("
                    + RetentionConfig.readable(b.retryBase) + ")", b.retryMax);
        }
        this.queue = b.queue;
        this.concurrency = b.concurrency;
        this.pollMin = b.pollMin;
        this.pollMax = b.pollMax;
        this.pollFactor = b.pollFactor;
        this.listen = b.listen;
        this.lease = b.lease;
        this.rescueInterval = b.rescueInterval;
        this.rescueBatch = b.rescueBatch;
        this.grace = b.grace;
        this.retryBase = b.retryBase;
        this.retryMax = b.retryMax;
        this.prefetch = b.prefetch;
    }

    private static boolean positive(Duration d) {
        return d != null && !d.isNegative() && !d.isZero();
    }

    /** A builder holding every default. */
    public static Builder builder(String queue) {
        return new Builder(queue);
    }

    public static EngineConfig defaults(String queue) {
        return builder(queue).build();
    }

    /** A builder holding this configuration, to change some of it. */
    public Builder toBuilder() {
        return new Builder(queue).concurrency(concurrency).pollMin(pollMin).pollMax(pollMax).pollFactor(pollFactor)
                .listen(listen).lease(lease).rescueInterval(rescueInterval).rescueBatch(rescueBatch).grace(grace)
                .retryBase(retryBase).retryMax(retryMax).prefetchRaw(prefetch);
    }

    public String queue() {
        return queue;
    }

    public int concurrency() {
        return concurrency;
    }

    public Duration pollMin() {
        return pollMin;
    }

    public Duration pollMax() {
        return pollMax;
    }

    public double pollFactor() {
        return pollFactor;
    }

    public boolean listen() {
        return listen;
    }

    public Duration lease() {
        return lease;
    }

    public Duration rescueInterval() {
        return rescueInterval;
    }

    public int rescueBatch() {
        return rescueBatch;
    }

    public Duration grace() {
        return grace;
    }

    public Duration retryBase() {
        return retryBase;
    }

    public Duration retryMax() {
        return retryMax;
    }

    /** The fixed {@code --prefetch}; empty when it is {@code auto} (sized from the jobs' run time). */
    public OptionalInt prefetch() {
        return prefetch == PREFETCH_AUTO ? OptionalInt.empty() : OptionalInt.of(prefetch);
    }

    /** How often the heartbeat renews leases: a third of the lease, so two may be missed. */
    public Duration heartbeatInterval() {
        return lease.dividedBy(3);
    }

    @Override
    public String toString() {
        return "EngineConfig[queue=" + queue + ", concurrency=" + concurrency + ", poll=" + pollMin + ".." + pollMax
                + " x" + pollFactor + ", listen=" + listen + ", lease=" + lease + ", rescueInterval=" + rescueInterval
                + ", rescueBatch=" + rescueBatch + ", grace=" + grace + ", retry=" + retryBase + ".." + retryMax
                + ", prefetch=" + (prefetch == PREFETCH_AUTO ? PREFETCH_DEFAULT_TEXT : Integer.toString(prefetch)) + "]";
    }

    /** Collects the settings; {@link #build()} validates them. */
    public static final class Builder {
        private final String queue;
        private int concurrency = CONCURRENCY_DEFAULT;
        private Duration pollMin = POLL_MIN_DEFAULT;
        private Duration pollMax = POLL_MAX_DEFAULT;
        private double pollFactor = POLL_FACTOR_DEFAULT;
        private boolean listen = LISTEN_DEFAULT;
        private Duration lease = LEASE_DEFAULT;
        private Duration rescueInterval = RESCUE_INTERVAL_DEFAULT;
        private int rescueBatch = RESCUE_BATCH_DEFAULT;
        private Duration grace = GRACE_DEFAULT;
        private Duration retryBase = RETRY_BASE_DEFAULT;
        private Duration retryMax = RETRY_MAX_DEFAULT;
        private int prefetch = PREFETCH_AUTO;

        private Builder(String queue) {
            this.queue = queue;
        }

        public Builder concurrency(int n) {
            this.concurrency = n;
            return this;
        }

        public Builder pollMin(Duration d) {
            this.pollMin = d;
            return this;
        }

        public Builder pollMax(Duration d) {
            this.pollMax = d;
            return this;
        }

        public Builder pollFactor(double factor) {
            this.pollFactor = factor;
            return this;
        }

        public Builder listen(boolean on) {
            this.listen = on;
            return this;
        }

        public Builder lease(Duration d) {
            this.lease = d;
            return this;
        }

        public Builder rescueInterval(Duration d) {
            this.rescueInterval = d;
            return this;
        }

        public Builder rescueBatch(int n) {
            this.rescueBatch = n;
            return this;
        }

        public Builder grace(Duration d) {
            this.grace = d;
            return this;
        }

        public Builder retryBase(Duration d) {
            this.retryBase = d;
            return this;
        }

        public Builder retryMax(Duration d) {
            this.retryMax = d;
            return this;
        }

        /** A fixed prefetch: {@code n} claimed jobs may wait for a thread (0: none). */
        public Builder prefetch(int n) {
            if (n == PREFETCH_AUTO) {
                throw ConfigException.invalid("--prefetch", PREFETCH_REQUIREMENT, n);
            }
            this.prefetch = n;
            return this;
        }

        /** {@code --prefetch auto} (the default): sized from how long the jobs run. */
        public Builder prefetchAuto() {
            this.prefetch = PREFETCH_AUTO;
            return this;
        }

        /** {@code auto} or a number, as the command line and the environment spell it. */
        public Builder prefetch(String text) {
            String t = text == null ? "" : text.trim();
            if (t.equalsIgnoreCase(PREFETCH_DEFAULT_TEXT)) {
                return prefetchAuto();
            }
            try {
                return prefetch(Integer.parseInt(t));
            } catch (NumberFormatException e) {
                throw ConfigException.invalid("--prefetch", PREFETCH_REQUIREMENT, text);
            }
        }

        private Builder prefetchRaw(int n) {
            this.prefetch = n;
            return this;
        }

        /** The configuration; throws a {@link ConfigException} saying what to change. */
        public EngineConfig build() {
            return new EngineConfig(this);
        }
    }
}
