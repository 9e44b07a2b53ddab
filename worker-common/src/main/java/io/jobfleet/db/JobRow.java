package io.jobfleet.db;

import java.time.Instant;

/**
 * A job as stored, for status and operator commands. JSON columns are kept as text; {@code progress}
 * is the last progress its handler reported (schema version 11), or null.
 */
public record JobRow(long id, String queue, String kind, String status, String payload, String result,
                     int priority, int attempts, int maxAttempts, int timeoutSeconds, Instant scheduledAt,
                     String dedupKey, String lockedBy, Instant leaseUntil, String lastError, String errors,
                     Instant createdAt, Instant updatedAt, Instant startedAt, Instant completedAt, String progress) {
}
