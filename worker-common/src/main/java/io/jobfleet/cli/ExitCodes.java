package io.jobfleet.cli;

/** Exit codes of every jobfleet command. */
public final class ExitCodes {
    public static final int OK = 0;
    /** Something failed; the message says what. */
    public static final int FAILURE = 1;
    /** Bad flags or arguments. */
    public static final int USAGE = 2;
    /** The job (or other thing named) does not exist. */
    public static final int NOT_FOUND = 3;
    /** The database could not be reached. */
    public static final int DATABASE_UNAVAILABLE = 4;
    /** The schema is older than this build needs: run {@code migrate}. */
    public static final int SCHEMA_OUTDATED = 5;
    /** {@code diagnose} found a problem (for cron alerts). */
    public static final int PROBLEMS_FOUND = 6;
    /** The job is not in a state that allows the operation (e.g. cancel of a completed job). */
    public static final int CONFLICT = 7;

    private ExitCodes() {
    }
}
