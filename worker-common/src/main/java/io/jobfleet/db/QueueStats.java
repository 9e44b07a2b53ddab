package io.jobfleet.db;

import java.time.Duration;

/**
 * One queue's numbers: jobs by status now, the lag of its oldest due job, what finished within a
 * window, and the running jobs that reported progress with their mean fraction done. Lag,
 * durations and the mean progress are null when there is nothing to measure.
 */
public record QueueStats(String queue, long due, long scheduled, long running, long completed, long failed,
                         long cancelled, Double lagSeconds, long completedInWindow, long failedInWindow,
                         Double avgSeconds, Double p95Seconds, long runningWithProgress, Double meanProgress) {

    public static QueueStats empty(String queue) {
        return new QueueStats(queue, 0, 0, 0, 0, 0, 0, null, 0, 0, null, null, 0, null);
    }

    /** Pending jobs, due or scheduled for later. */
    public long pending() {
        return due + scheduled;
    }

    /** failed / (completed + failed) within the window; null when nothing finished. */
    public Double failureRate() {
        long finished = completedInWindow + failedInWindow;
        return finished == 0 ? null : (double) failedInWindow / finished;
    }

    /** Jobs finished (completed or failed) per minute over the window. */
    public double throughputPerMinute(Duration window) {
        double minutes = Math.max(window.toMillis(), 1) / 60_000.0;
        return (completedInWindow + failedInWindow) / minutes;
    }
}
