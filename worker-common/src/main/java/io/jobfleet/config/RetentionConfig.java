package io.jobfleet.config;

import java.time.Duration;

/**
 * How long finished jobs are kept before the workers prune them, how often they look, and how
 * many rows one delete takes. A zero retention turns pruning off.
 */
public record RetentionConfig(Duration retention, Duration interval, int batch) {
    public static final Duration RETENTION_DEFAULT = Duration.ofDays(14);
    public static final Duration INTERVAL_DEFAULT = Duration.ofHours(1);
    public static final int BATCH_DEFAULT = 1000;

    public RetentionConfig {
        if (retention == null || retention.isNegative()) {
            throw new ConfigException("--retention / JOBFLEET_RETENTION must be a duration such as 14d, or 0 "
                    + "to keep finished jobs forever");
        }
        if (interval == null || interval.isNegative() || interval.isZero()) {
            throw new ConfigException("--prune-interval / JOBFLEET_PRUNE_INTERVAL must be positive, e.g. 1h");
        }
        if (batch < 1 || batch > 100_000) {
            throw new ConfigException("the prune batch must be between 1 and 100000 rows (got " + batch + ")");
        }
    }

    public static RetentionConfig defaults() {
        return new RetentionConfig(RETENTION_DEFAULT, INTERVAL_DEFAULT, BATCH_DEFAULT);
    }

    public static RetentionConfig disabled() {
        return new RetentionConfig(Duration.ZERO, INTERVAL_DEFAULT, BATCH_DEFAULT);
    }

    public boolean enabled() {
        return !retention.isZero();
    }

    /** A duration as one would type it: 14d, 1h, 90s. */
    public static String readable(Duration d) {
        long s = d.getSeconds();
        if (d.getNano() != 0) {
            return d.toMillis() + "ms";
        }
        if (s != 0 && s % 86_400 == 0) {
            return s / 86_400 + "d";
        }
        if (s != 0 && s % 3600 == 0) {
            return s / 3600 + "h";
        }
        if (s != 0 && s % 60 == 0) {
            return s / 60 + "m";
        }
        return s + "s";
    }
}
