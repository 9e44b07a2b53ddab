package io.jobfleet.mapping;

import io.jobfleet.engine.JobContext;
import io.jobfleet.engine.Payloads;

/**
 * The optional {@code progress} column of an app table (a JSON column, off unless the app's
 * mapping names it): where a family mirrors the progress of the job working on the row, as
 * {@code {"done", "total", "stage", "at"}}, in the transaction that stores it on the job.
 */
public final class ProgressColumn {
    /** The column's key in a family's mapping spec. */
    public static final String KEY = "progress";

    private final String update;

    private ProgressColumn(MappedTable t) {
        this.update = "UPDATE " + t.table() + " SET " + t.col(KEY) + " = CAST(:progress AS jsonb) WHERE "
                + t.whereId("id");
    }

    /**
     * Mirrors the job's progress onto row {@code id} of {@code t} from now on; does nothing when the
     * mapping leaves the column off.
     */
    public static void mirror(MappedTable t, String id, JobContext ctx) {
        if (!t.has(KEY)) {
            return;
        }
        String sql = new ProgressColumn(t).update;
        ctx.mirrorProgress((h, p) -> h.createUpdate(sql).bind("progress", Payloads.write(p)).bind("id", id).execute());
    }
}
