package io.jobfleet.engine;

/** Error classes the engine itself records in {@code errors[].class}. */
public final class ErrorClasses {
    public static final String TIMEOUT = "timeout";
    public static final String BAD_PAYLOAD = "bad_payload";
    public static final String UNKNOWN_KIND = "unknown_kind";
    public static final String WORKER_LOST = "worker_lost";
    /** A handler snoozed the job ({@link SnoozeJobException}): no attempt spent. */
    public static final String SNOOZED = "snoozed";
    /** The database refused to store the result or the handler's writes (a constraint, bad data): permanent. */
    public static final String RESULT_REFUSED = "result_refused";
    /**
     * A statement of the attempt named a table, column or function the database lacks (the app's
     * tables differ from the mapping, or the schema is older than the worker): retried, so that
     * the job runs once an operator mends it.
     */
    public static final String SCHEMA_MISSING = "schema_missing";
    /** An exception the handler did not type: retried. */
    public static final String ERROR = "error";

    private ErrorClasses() {
    }
}
