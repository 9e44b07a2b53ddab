package io.jobfleet.lease;

import io.jobfleet.db.QueueSql.EndedHook;
import io.jobfleet.db.QueueSql.RescueHook;
import java.util.Collection;

/**
 * The failure writes of the kinds this process runs: the rescuer fails a job whose attempts are
 * spent only when its kind is one of {@link #kinds()}, and runs these writes in the same
 * transaction; it also runs those owed by jobs of these kinds that ended elsewhere (cancelled,
 * unlocked). The engine implements it.
 */
public interface SpentJobWrites extends RescueHook, EndedHook {
    Collection<String> kinds();
}
