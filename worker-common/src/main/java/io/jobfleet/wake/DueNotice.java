package io.jobfleet.wake;

import java.time.Instant;
import java.util.Optional;

/**
 * A notification that jobs of {@code queue} were inserted for later: the earliest of them is due at
 * {@code due} (schema version 15). Its payload is the queue name, a tab and the due time in
 * milliseconds since 1970, on the database's clock; a payload that is only a queue name means
 * jobs due now.
 */
public record DueNotice(String queue, Instant due) {
    /** The notice {@code payload} holds; empty for a plain queue name or anything else. */
    public static Optional<DueNotice> parse(String payload) {
        int tab = payload == null ? -1 : payload.lastIndexOf('\t');
        if (tab <= 0 || tab == payload.length() - 1 || payload.length() - tab > 20) {
            return Optional.empty();
        }
        long millis = 0;
        for (int i = tab + 1; i < payload.length(); i++) {
            char c = payload.charAt(i);
            if (c < '0' || c > '9') {
                return Optional.empty();
            }
            millis = millis * 10 + (c - '0');
        }
        return Optional.of(new DueNotice(payload.substring(0, tab), Instant.ofEpochMilli(millis)));
    }
}
