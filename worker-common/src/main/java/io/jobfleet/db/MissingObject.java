package io.jobfleet.db;

import java.sql.SQLException;
import java.util.Set;

/**
 * The statement names a table, column or function that the database does not have (SQLSTATE
 * 42P01 undefined_table, 42703 undefined_column, 42883 undefined_function, also an enum's missing
 * operator): the app's tables are missing or older than the statements. Unlike a connection problem
 * it does not pass by itself, but an operator can mend it while the job waits for its next attempt.
 */
public final class MissingObject {
    private static final Set<String> UNDEFINED = Set.of("42P01", "42703", "42883");

    private MissingObject() {
    }

    /** Whether {@code e}, or an exception it was caused by, is such an error. */
    public static boolean in(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException sql && UNDEFINED.contains(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }
}
