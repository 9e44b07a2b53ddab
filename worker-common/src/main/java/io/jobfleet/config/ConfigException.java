package io.jobfleet.config;

import java.time.Duration;

/**
 * Configuration that cannot work; the message says what to change. Every config record validates
 * when it is built and words its messages through {@link #invalid}: the flag and its environment
 * variable, what the value must be, what it was.
 */
public final class ConfigException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ConfigException(String message) {
        super(message);
    }

    /**
     * {@code --concurrency / JOBFLEET_CONCURRENCY must be between 1 and 1024 (got 0)}. A
     * {@code setting} that is not a flag (no leading {@code --}) is named as given.
     */
    public static ConfigException invalid(String setting, String requirement, Object got) {
        return new ConfigException(label(setting) + " must be " + requirement + " (got " + shown(got) + ")");
    }

    /** {@code --db-url} reads {@code --db-url / JOBFLEET_DB_URL}: every flag has that environment variable. */
    public static String label(String setting) {
        if (!setting.startsWith("--")) {
            return setting;
        }
        return setting + " / " + envName(setting);
    }

    /** The environment variable of a flag: {@code --http-port} has {@code JOBFLEET_HTTP_PORT}. */
    public static String envName(String flag) {
        return "JOBFLEET_" + flag.substring(2).replace('-', '_').toUpperCase(java.util.Locale.ROOT);
    }

    private static String shown(Object got) {
        if (got == null) {
            return "nothing";
        }
        if (got instanceof Duration d) {
            return d.isNegative() ? d.toString() : RetentionConfig.readable(d);
        }
        if (got instanceof CharSequence s) {
            return "'" + s + "'";
        }
        return got.toString();
    }
}
