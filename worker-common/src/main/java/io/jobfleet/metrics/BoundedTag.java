package io.jobfleet.metrics;

import java.util.Collection;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The values one metric tag may take when they come from job data (a job's kind or queue, a
 * payload's model): the known values, plus the first {@code extra} other values that look like a
 * name; anything else reads {@value #OTHER}. Each value is a time series in Prometheus, so a job
 * (or a user who writes its payload) must not be able to create them without bound.
 */
public final class BoundedTag {
    public static final String OTHER = "other";
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.:/@+-]{0,79}");

    private final Set<String> known;
    private final Set<String> admitted = ConcurrentHashMap.newKeySet();
    private final int extra;

    public BoundedTag(int extra, Collection<String> known) {
        this.extra = extra;
        this.known = Set.copyOf(known.stream().filter(v -> v != null && !v.isBlank()).toList());
    }

    public BoundedTag(int extra) {
        this(extra, Set.of());
    }

    /** {@code value} itself while it is known or admitted, else {@value #OTHER}. */
    public String of(String value) {
        if (value == null) {
            return OTHER;
        }
        if (known.contains(value) || admitted.contains(value)) {
            return value;
        }
        if (!NAME.matcher(value).matches()) {
            return OTHER;
        }
        synchronized (admitted) {
            if (admitted.size() < extra) {
                admitted.add(value);
                return value;
            }
        }
        return admitted.contains(value) ? value : OTHER;
    }
}
