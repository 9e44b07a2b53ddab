package io.jobfleet.console;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.Optional;

/**
 * Tells a database that is busy (no free connection in the pool) or unreachable (down, refusing,
 * shutting down, out of connections) from other failures, so that the console answers 503 with
 * what happened instead of 500 with an exception's class.
 */
final class DatabaseTrouble {
    private DatabaseTrouble() {
    }

    /** What went wrong, without class names, when {@code e} comes from a busy or unreachable database. */
    static Optional<String> reason(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLTransientConnectionException) {
                return Optional.of(message(t));
            }
            if (t instanceof SQLException sql && unreachable(sql.getSQLState())) {
                return Optional.of(message(t));
            }
        }
        return Optional.empty();
    }

    /** Connection exceptions (08), too many connections (53300), shutdown and crash (57P01-57P03). */
    private static boolean unreachable(String state) {
        return state != null && (state.startsWith("08") || state.equals("53300") || state.startsWith("57P"));
    }

    private static String message(Throwable t) {
        Throwable deepest = t;
        while (deepest.getCause() != null && deepest.getCause() != deepest && deepest.getCause().getMessage() != null) {
            deepest = deepest.getCause();
        }
        String m = t.getMessage() == null ? "no message" : t.getMessage().strip();
        String cause = deepest == t || deepest.getMessage() == null ? "" : " (" + deepest.getMessage().strip() + ")";
        return m + cause;
    }
}
