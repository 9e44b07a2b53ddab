package io.jobfleet.db;

import java.time.Instant;

/** One attempt of a job this worker has just claimed. {@code attempt} counts from 1. */
public record ClaimedJob(long id, String queue, String kind, String payload, int priority, int attempt,
                         int maxAttempts, int timeoutSeconds, Instant scheduledAt, Instant createdAt) {

    public boolean lastAttempt() {
        return attempt >= maxAttempts;
    }
}
