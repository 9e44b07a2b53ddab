package io.jobfleet.db;

import java.sql.SQLException;
import java.util.Optional;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/**
 * What PostgreSQL said when it refused a statement, fit to be stored on a job and shown to the
 * app's user: its primary message and SQLSTATE only. The driver's and Jdbi's own texts quote the
 * statement with its bound values, and the server's detail quotes the row's values; neither is kept.
 */
public final class ServerError {
    private ServerError() {
    }

    /**
     * The error the server answered a statement with, when {@code e} is or was caused by one; not
     * a connection that failed, which the server never answered.
     */
    public static Optional<SQLException> in(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof PSQLException p && p.getServerErrorMessage() != null && p.getSQLState() != null) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    /** Whether the server refused for a privilege the role lacks (SQLSTATE 42501, insufficient_privilege). */
    public static boolean lacksPrivilege(SQLException sql) {
        return "42501".equals(sql.getSQLState());
    }

    /** {@code relation "app.documents" does not exist}: the server's primary message, else the SQLSTATE. */
    public static String message(SQLException sql) {
        ServerErrorMessage m = sql instanceof PSQLException p ? p.getServerErrorMessage() : null;
        return m != null && m.getMessage() != null ? m.getMessage() : "SQLSTATE " + sql.getSQLState();
    }
}
