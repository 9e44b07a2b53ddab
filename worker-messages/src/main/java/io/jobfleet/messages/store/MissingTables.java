package io.jobfleet.messages.store;

import io.jobfleet.db.MissingObject;
import io.jobfleet.engine.FencedWrites;
import io.jobfleet.engine.JobException;
import io.jobfleet.engine.JobOutcome;
import io.jobfleet.engine.RetryableJobException;
import io.jobfleet.mapping.MappedTable;
import java.util.concurrent.Callable;

/**
 * A job that meets the app's messages tables missing or older than the mapping (a table, column or
 * type the statements name does not exist) fails with a readable, retryable error an operator can
 * act on, shown on the job and copied to the app's row, instead of the driver's message with the
 * statement and its bound values.
 */
public final class MissingTables {
    public static final String ERROR_CLASS = "messages_schema_missing";
    private final String schema;

    public MissingTables(MappedTable table) {
        this.schema = table.name().schema().name();
    }

    /** Runs a handler's attempt; its statements and its completion's writes are guarded. */
    public JobOutcome guard(Callable<JobOutcome> attempt) throws Exception {
        JobOutcome outcome = guarded(attempt);
        if (outcome.writes() == FencedWrites.NONE) {
            return outcome;
        }
        return JobOutcome.done(outcome.result(), h -> guarded(() -> {
            outcome.writes().write(h);
            return null;
        }));
    }

    private <T> T guarded(Callable<T> work) throws Exception {
        try {
            return work.call();
        } catch (Exception e) {
            if (!(e instanceof JobException) && MissingObject.in(e)) {
                throw new RetryableJobException(ERROR_CLASS, "The messages tables are missing or outdated in schema "
                        + schema + "; an operator must create them (./jobfleet messages check says what is missing).");
            }
            throw e;
        }
    }
}
