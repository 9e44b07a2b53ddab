package io.jobfleet.llm;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import okhttp3.Headers;

/**
 * Reads how long a provider asks us to wait: {@code retry-after-ms} (milliseconds, sent by
 * OpenAI and Azure) first, then {@code Retry-After} as seconds or as an HTTP date.
 */
final class RetryAfter {
    /** Longer waits are treated as garbage (a broken clock or header). */
    static final Duration MAX = Duration.ofDays(1);

    private RetryAfter() {
    }

    static Duration parse(Headers headers, Instant now) {
        Duration ms = millis(headers.get("retry-after-ms"));
        if (ms != null) {
            return ms;
        }
        String value = headers.get("Retry-After");
        if (value == null || value.isBlank()) {
            return null;
        }
        Duration seconds = seconds(value.strip());
        return seconds != null ? seconds : httpDate(value.strip(), now);
    }

    private static Duration millis(String value) {
        if (value == null) {
            return null;
        }
        try {
            double v = Double.parseDouble(value.strip());
            return Double.isFinite(v) ? bounded(Math.round(v)) : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static Duration seconds(String value) {
        try {
            double v = Double.parseDouble(value);
            return Double.isFinite(v) ? bounded(Math.round(v * 1000)) : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static Duration httpDate(String value, Instant now) {
        try {
            Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            Duration d = Duration.between(now, at);
            return d.isNegative() ? Duration.ZERO : bounded(d.toMillis());
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static Duration bounded(long millis) {
        if (millis < 0 || millis > MAX.toMillis()) {
            return null;
        }
        return Duration.ofMillis(millis);
    }
}
