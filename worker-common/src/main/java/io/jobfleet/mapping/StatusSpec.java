package io.jobfleet.mapping;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A status column the family sets: its key and the app's words for the family's states
 * (e.g. {@code done -> DONE}). The column may be text or a PostgreSQL enum.
 */
public record StatusSpec(String key, Map<String, String> words) {
    public StatusSpec {
        words = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(words));
    }
}
