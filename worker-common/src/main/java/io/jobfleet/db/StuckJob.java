package io.jobfleet.db;

import java.time.Instant;

/**
 * A running job that looks stuck: its lease ran out, or it runs past its timeout.
 * {@code overdueSeconds} is how long past the lease (or the timeout) it is.
 */
public record StuckJob(long id, String queue, String kind, int attempts, int maxAttempts, String lockedBy,
                       Instant leaseUntil, Instant startedAt, int timeoutSeconds, double overdueSeconds) {

    /** Whether the attempts are spent: an unlock without --force fails it. */
    public boolean attemptsSpent() {
        return attempts >= maxAttempts;
    }
}
