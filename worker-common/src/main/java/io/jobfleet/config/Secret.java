package io.jobfleet.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A secret value (password, API key). Its {@code toString} never shows it, so it cannot leak
 * through a log line or an exception message by accident.
 */
public final class Secret {
    private static final Secret EMPTY = new Secret("");
    private final String value;

    private Secret(String value) {
        this.value = value;
    }

    public static Secret of(String value) {
        return value == null || value.isEmpty() ? EMPTY : new Secret(value);
    }

    public static Secret empty() {
        return EMPTY;
    }

    /**
     * The secret from a value or from a file (the {@code *_FILE} convention of container
     * platforms); a file wins over a value. Trailing newlines of the file are dropped.
     */
    public static Secret fromValueOrFile(String value, Path file, String what) {
        if (file != null) {
            try {
                return of(Files.readString(file, StandardCharsets.UTF_8).strip());
            } catch (IOException e) {
                throw new ConfigException("cannot read " + what + " from " + file + ": "
                        + e.getClass().getSimpleName());
            }
        }
        return of(value);
    }

    public String reveal() {
        return value;
    }

    public boolean isEmpty() {
        return value.isEmpty();
    }

    /** Replaces every occurrence of this secret in {@code text} with a mask. */
    public String redact(String text) {
        if (text == null || value.length() < 4) {
            return text;
        }
        return text.replace(value, "******");
    }

    @Override
    public String toString() {
        return isEmpty() ? "(none)" : "******";
    }
}
