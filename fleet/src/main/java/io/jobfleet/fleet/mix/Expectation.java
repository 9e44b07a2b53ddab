package io.jobfleet.fleet.mix;

/**
 * How a job of the demo mix should end: its final status and, for a failure, the error class
 * its last attempt should have (null when any class will do).
 */
public record Expectation(long jobId, String kind, String label, String status, String errorClass) {
    public static Expectation completes(long id, String kind, String label) {
        return new Expectation(id, kind, label, "completed", null);
    }

    public static Expectation fails(long id, String kind, String label, String errorClass) {
        return new Expectation(id, kind, label, "failed", errorClass);
    }
}
