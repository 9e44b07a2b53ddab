package io.jobfleet.engine;

/** Error classes the engine itself records in {@code errors[].class}. */
public final class ErrorClasses {
    public static final String TIMEOUT = "timeout";
    public static final String BAD_PAYLOAD = "bad_payload";
    public static final String UNKNOWN_KIND = "unknown_kind";
    public static final String WORKER_LOST = "worker_lost";
    /** A handler snoozed the job ({@link SnoozeJobException}): no attempt spent. */
    public static final String SNOOZED = "snoozed";
    /** An exception the handler did not type: retried. */
    public static final String ERROR = "error";

    private ErrorClasses() {
    }
}
