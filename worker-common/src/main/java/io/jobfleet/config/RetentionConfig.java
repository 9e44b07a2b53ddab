package io.jobfleet.config;

import java.time.Duration;

/**
 * How long finished jobs are kept before the workers prune them, how often they look, and how
 * many rows one delete takes. A zero retention turns pruning off. Validated when built.
 */
public record RetentionConfig(Duration retention, Duration interval, int batch) {
    public static final String RETENTION_DEFAULT_TEXT = "14d";
    public static final Duration RETENTION_DEFAULT = DurationConverter.parse(RETENTION_DEFAULT_TEXT);
    public static final String INTERVAL_DEFAULT_TEXT = "1h";
    public static final Duration INTERVAL_DEFAULT = DurationConverter.parse(INTERVAL_DEFAULT_TEXT);
    public static final int BATCH_MAX = 100_000;
    public static final int BATCH_DEFAULT = 1000;

    public RetentionConfig {
        if (retention == null || retention.isNegative()) {
            throw ConfigException.invalid("--retention", "a duration such as 14d, or 0 to keep finished jobs forever",
                    retention);
        }
        if (interval == null || interval.isNegative() || interval.isZero()) {
            throw ConfigException.invalid("--prune-interval", "a positive duration such as 1h", interval);
        }
        if (batch < 1 || batch > BATCH_MAX) {
            throw ConfigException.invalid("the prune batch", "between 1 and " + BATCH_MAX + " rows", batch);
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
