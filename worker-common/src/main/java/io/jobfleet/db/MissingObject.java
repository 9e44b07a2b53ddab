package io.jobfleet.db;

import java.sql.SQLException;
import java.util.Optional;
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
        return find(e).isPresent();
    }

    /**
     * What is missing, as the server says it ({@code relation "app.documents" does not exist}):
     * names only, never the statement or its bound values, which the driver's own message quotes.
     * Empty when {@code e} is no such error.
     */
    public static Optional<String> what(Throwable e) {
        return find(e).map(ServerError::message);
    }

    private static Optional<SQLException> find(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException sql && UNDEFINED.contains(sql.getSQLState())) {
                return Optional.of(sql);
            }
        }
        return Optional.empty();
    }
}
