package io.jobfleet.engine;

import io.jobfleet.support.StoredText;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * How far a running job got: {@code done} of {@code total} units in {@code stage} (e.g. 7 of 12
 * chunks in {@code "chunks"}), reported at {@code at}. Stored on the job's row as
 * {@code {"done", "total", "stage", "at"}}.
 */
public record Progress(long done, long total, String stage, Instant at) {
    /** The longest stage name kept; longer ones are cut (it travels in every job event). */
    public static final int STAGE_MAX = 100;

    public Progress {
        if (done < 0 || total < 0) {
            throw new IllegalArgumentException("progress must not be negative (done " + done + ", total " + total + ")");
        }
        stage = stage == null ? "" : StoredText.capped(StoredText.clean(stage), STAGE_MAX);
        at = at.truncatedTo(ChronoUnit.MICROS); // as PostgreSQL stores it
    }

    /** done / total between 0 and 1, or 0 when the total is not known yet. */
    public double fraction() {
        return total == 0 ? 0 : Math.min(1.0, (double) done / total);
    }

    /** The same numbers and stage (the time aside). */
    boolean sameAs(Progress other) {
        return other != null && done == other.done && total == other.total && stage.equals(other.stage);
    }
}
