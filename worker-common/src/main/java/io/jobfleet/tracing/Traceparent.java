package io.jobfleet.tracing;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A W3C {@code traceparent} (https://www.w3.org/TR/trace-context/#traceparent-header), version
 * 00: {@code 00-<32 hex trace id>-<16 hex parent id>-<2 hex flags>}, lower case. The same rules
 * as the jobs table's trigger (schema version 13): anything else is malformed.
 */
public record Traceparent(String traceId, String parentId, String flags) {
    /** The value's length: longer input is not even scanned. */
    public static final int LENGTH = 55;
    private static final Pattern FORM = Pattern.compile("[0-9a-f]{2}-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}");
    private static final String ZERO_TRACE = "0".repeat(32);
    private static final String ZERO_PARENT = "0".repeat(16);

    /** The traceparent in {@code value}, or empty when it is null or malformed. */
    public static Optional<Traceparent> parse(String value) {
        if (value == null || value.length() != LENGTH || !FORM.matcher(value).matches()) {
            return Optional.empty();
        }
        String version = value.substring(0, 2);
        String trace = value.substring(3, 35);
        String parent = value.substring(36, 52);
        if (version.equals("ff") || trace.equals(ZERO_TRACE) || parent.equals(ZERO_PARENT)) {
            return Optional.empty();
        }
        return Optional.of(new Traceparent(trace, parent, value.substring(53)));
    }

    /** Whether the app sampled (recorded) its side of the trace: flag bit 0. */
    public boolean sampled() {
        return (Integer.parseInt(flags, 16) & 1) == 1;
    }

    /** What a user is told about a value {@link #parse} refused, without repeating it. */
    public static String malformed(String value) {
        return "not a W3C traceparent (00-<32 hex>-<16 hex>-<2 hex>, lower case; "
                + (value == null ? 0 : value.length()) + " characters given)";
    }

    @Override
    public String toString() {
        return "00-" + traceId + "-" + parentId + "-" + flags;
    }
}
