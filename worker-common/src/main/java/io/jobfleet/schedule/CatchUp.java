package io.jobfleet.schedule;

import io.jobfleet.config.ConfigException;
import java.util.Locale;

/** What a schedule does with the slots that fell due while no worker ran (docs/schedules.md). */
public enum CatchUp {
    /** Drop missed slots: only a slot that is late by at most the runner's tolerance is enqueued. */
    SKIP,
    /** Enqueue the latest missed slot once. */
    LAST,
    /** Enqueue every missed slot, at most the schedule's catch-up bound (the latest ones). */
    ALL;

    /** The word stored in the schedules table and given on the command line. */
    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static CatchUp of(String word) {
        for (CatchUp c : values()) {
            if (c.word().equals(word)) {
                return c;
            }
        }
        throw new ConfigException("catch-up policy '" + word + "' is not one of skip, last, all");
    }
}
