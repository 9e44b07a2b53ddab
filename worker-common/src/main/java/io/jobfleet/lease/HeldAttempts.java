package io.jobfleet.lease;

import io.jobfleet.db.QueueSql.Held;
import io.jobfleet.support.LogContext;
import java.util.List;

/** The attempts this process holds, as the heartbeat sees them; the engine implements it. */
public interface HeldAttempts {
    /** The attempts whose lease must be kept: all but those known to be lost. */
    List<Held> held();

    /**
     * The database no longer lists {@code attempt} as this worker's (cancelled or taken over):
     * stops its handler. True when this call stopped it, false when it had stopped or ended already.
     */
    boolean stopLost(Held attempt);

    /** Puts the fields of {@code attempt}'s job into the log context until closed. */
    LogContext.Scope logContext(Held attempt);
}
