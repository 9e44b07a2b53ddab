package io.jobfleet.llm.sim;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Per-request instructions written into the last user message, e.g. {@code [sim:error=429]},
 * {@code [sim:malformed]}, {@code [sim:delay=1500]}, {@code [sim:fail-first=2]},
 * {@code [sim:two_correct]}. They are removed before any answer is generated.
 *
 * @param error an error to answer with ({@code 429}, {@code 500}, {@code context_length}, ...)
 * @param malformed {@code json} (not JSON at all) or {@code schema} (JSON breaking the schema)
 * @param failFirst answer 503 to the first N identical requests
 */
public record Markers(String error, String malformed, long delayMillis, int failFirst, boolean twoCorrect) {
    static final Markers NONE = new Markers(null, null, 0, 0, false);
    private static final Pattern MARKER = Pattern.compile("\\[sim:([a-zA-Z_-]+)(?:=([^\\]\\s]*))?]");

    static Markers parse(String text) {
        String error = null;
        String malformed = null;
        long delay = 0;
        int failFirst = 0;
        boolean twoCorrect = false;
        Matcher m = MARKER.matcher(text == null ? "" : text);
        while (m.find()) {
            String name = m.group(1).toLowerCase(Locale.ROOT).replace('-', '_');
            String value = m.group(2) == null ? "" : m.group(2).strip();
            switch (name) {
                case "error" -> error = value.toLowerCase(Locale.ROOT);
                case "malformed" -> malformed = value.isEmpty() ? "json" : value.toLowerCase(Locale.ROOT);
                case "delay" -> delay = number(value, 0, 600_000);
                case "fail_first" -> failFirst = (int) number(value, 0, 1000);
                case "two_correct" -> twoCorrect = true;
                default -> error = "unknown_marker:" + name;
            }
        }
        return new Markers(error, malformed, delay, failFirst, twoCorrect);
    }

    static String strip(String text) {
        return text == null ? "" : MARKER.matcher(text).replaceAll("").replaceAll("[ \\t]{2,}", " ").strip();
    }

    private static long number(String value, long min, long max) {
        try {
            return Math.max(min, Math.min(max, Long.parseLong(value)));
        } catch (NumberFormatException e) {
            return min;
        }
    }
}
