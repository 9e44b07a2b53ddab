package io.jobfleet.db;

import java.sql.SQLException;
import java.util.Optional;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/**
 * The database refused the data itself (SQLSTATE class 22, data exception, or 23, integrity
 * constraint violation): storing the same data again is refused again, so such an error is
 * permanent. The reason names only the constraint or the error class, never the server's detail,
 * which quotes the row's values.
 */
public final class DataRefusal {
    private DataRefusal() {
    }

    /** The constraint (or SQLSTATE class) that refused the data, when {@code e} is such a refusal. */
    public static Optional<String> reason(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                String state = sql.getSQLState();
                if (state.startsWith("22") || state.startsWith("23")) {
                    return Optional.of(constraint(sql).map(c -> "constraint " + c)
                            .orElse(state.startsWith("22") ? "data exception " + state
                                    : "integrity constraint violation " + state));
                }
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return Optional.empty();
    }

    private static Optional<String> constraint(SQLException e) {
        if (e instanceof PSQLException p) {
            ServerErrorMessage m = p.getServerErrorMessage();
            if (m != null && m.getConstraint() != null && !m.getConstraint().isBlank()) {
                return Optional.of(m.getConstraint());
            }
        }
        return Optional.empty();
    }
}
