package io.jobfleet.db;

import java.time.Instant;

/**
 * One attempt of a job this worker has just claimed. {@code attempt} counts from 1;
 * {@code claimToken} was drawn for this claim alone, and fences every later change of the attempt.
 * {@code traceparent} is the app's trace context as stored (null when none was given).
 */
public record ClaimedJob(long id, String queue, String kind, String payload, int priority, int attempt,
                         int maxAttempts, int timeoutSeconds, Instant scheduledAt, Instant createdAt,
                         long claimToken, String traceparent) {

    /** This attempt, as the fenced statements name it. */
    public QueueSql.Held held() {
        return new QueueSql.Held(id, attempt, claimToken);
    }

    public boolean lastAttempt() {
        return attempt >= maxAttempts;
    }
}
