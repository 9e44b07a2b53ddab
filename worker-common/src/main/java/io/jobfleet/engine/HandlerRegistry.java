package io.jobfleet.engine;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The handlers of one worker process, by kind. */
public final class HandlerRegistry {
    private final Map<String, JobHandler<?>> byKind = new LinkedHashMap<>();

    public HandlerRegistry register(JobHandler<?> handler) {
        if (byKind.putIfAbsent(handler.kind(), handler) != null) {
            throw new IllegalArgumentException("two handlers for kind " + handler.kind());
        }
        return this;
    }

    public static HandlerRegistry of(Collection<? extends JobHandler<?>> handlers) {
        HandlerRegistry r = new HandlerRegistry();
        handlers.forEach(r::register);
        return r;
    }

    public Optional<JobHandler<?>> find(String kind) {
        return Optional.ofNullable(byKind.get(kind));
    }

    public Collection<String> kinds() {
        return byKind.keySet();
    }
}
