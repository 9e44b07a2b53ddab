package io.jobfleet.db;

/** The database schema is older than this build needs; the message names the command that fixes it. */
public final class SchemaOutdatedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public SchemaOutdatedException(String message) {
        super(message);
    }
}
