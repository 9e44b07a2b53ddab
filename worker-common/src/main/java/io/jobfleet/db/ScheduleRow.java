package io.jobfleet.db;

import java.time.Instant;

/**
 * One row of the schedules table as stored: the cron expression and time zone are plain text here
 * (the schedule package parses them). {@code lastJobStatus} and {@code lastJobError} are those of
 * the job of the last slot (null when not read or pruned); {@code dbNow} is the database's time
 * when the row was read.
 */
public record ScheduleRow(String name, String cron, String timeZone, String queue, String kind, String payload,
                          int priority, int maxAttempts, int timeoutSeconds, String catchUp, int catchUpMax,
                          boolean paused, Instant nextRun, Instant lastSlot, Long lastJobId, String lastJobStatus,
                          String lastJobError, Instant dbNow) {
    /** The job one slot (or a run-now) enqueues, without a dedup key. */
    public NewJob job() {
        return NewJob.of(queue, kind, payload).withPriority(priority).withMaxAttempts(maxAttempts)
                .withTimeoutSeconds(timeoutSeconds);
    }
}
