package io.jobfleet.console;

import io.jobfleet.db.DatabaseHealth;
import java.sql.SQLException;
import java.util.Optional;

/**
 * Tells a database that is busy (no free connection in the pool) or unreachable (down, refusing,
 * shutting down, out of connections) from other failures, so that the console answers 503 with
 * what happened instead of 500 with an exception's class.
 */
final class DatabaseTrouble {
    private DatabaseTrouble() {
    }

    /**
     * What went wrong, without class names, when {@code e} comes from a busy or unreachable database
     * (as {@link DatabaseHealth#isConnectionProblem} tells them for the workers and the CLI).
     */
    static Optional<String> reason(Throwable e) {
        if (!DatabaseHealth.isConnectionProblem(e)) {
            return Optional.empty();
        }
        Throwable t = e;
        while (!(t instanceof SQLException) && t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return Optional.of(message(t instanceof SQLException ? t : e));
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
