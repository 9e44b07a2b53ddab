package io.jobfleet.db;

import io.jobfleet.support.StoredText;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.function.Function;
import org.jdbi.v3.core.statement.ColonPrefixSqlParser;
import org.jdbi.v3.core.statement.ParsedSql;

/**
 * One of the queue's statements run on JDBC directly, without Jdbi's statement machinery: the
 * enqueue and the claim, the two on the way from an app's insert to its job's start, and the
 * one-row completion, which an idle worker's completion writer runs beside the app's next
 * enqueue, as does every handler that commits its own writes with its job's completion. Per
 * statement, Jdbi copies its configuration and looks up an argument factory per value and a
 * mapper per result; on a warm JVM that was 0.2 to 0.25 ms of CPU per enqueue, half of the
 * statement's own round trip with its commit (docs/benchmarks.md, Latency). The other statements
 * keep Jdbi.
 *
 * <p>The SQL is the same named file: its {@code :name} parameters are turned into JDBC's
 * {@code ?} once, by Jdbi's own parser, and each execution binds every parameter by name. Text is
 * cleaned as every other statement's ({@link StoredText#clean}); a null is sent without a type,
 * so the statement's {@code CAST(:name AS type)} gives it one.
 */
final class DirectStatement {
    private final String sql;
    private final List<String> parameters;

    DirectStatement(String namedSql) {
        ParsedSql parsed = new ColonPrefixSqlParser().parse(namedSql, null);
        this.sql = parsed.getSql();
        this.parameters = parsed.getParameters().getParameterNames();
    }

    private DirectStatement(String sql, List<String> parameters) {
        this.sql = sql;
        this.parameters = parameters;
    }

    /**
     * This statement behind {@code prefix} (one without parameters, such as {@code EXPLAIN}), with
     * the same parameters, without parsing it again.
     */
    DirectStatement prefixed(String prefix) {
        if (prefix.indexOf(':') >= 0 || prefix.indexOf('?') >= 0) {
            throw new IllegalArgumentException("a prefix takes no parameters: " + prefix);
        }
        return new DirectStatement(prefix + sql, parameters);
    }

    /** What a statement's result rows become. */
    @FunctionalInterface
    interface Rows<T> {
        T read(ResultSet rows) throws SQLException;
    }

    /**
     * Runs the statement on {@code connection} (in whatever transaction it is in), each parameter
     * bound to {@code values}' answer for its name, and reads its rows.
     */
    <T> T query(Connection connection, Function<String, Object> values, Rows<T> rows) throws SQLException {
        try (PreparedStatement statement = prepare(connection, values); ResultSet result = statement.executeQuery()) {
            return rows.read(result);
        }
    }

    private PreparedStatement prepare(Connection connection, Function<String, Object> values) throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        try {
            for (int i = 0; i < parameters.size(); i++) {
                bind(statement, i + 1, values.apply(parameters.get(i)));
            }
            return statement;
        } catch (SQLException | RuntimeException e) {
            statement.close();
            throw e;
        }
    }

    private static void bind(PreparedStatement statement, int position, Object value) throws SQLException {
        if (value == null) {
            statement.setNull(position, Types.OTHER);
        } else if (value instanceof String text) {
            statement.setString(position, StoredText.clean(text));
        } else if (value instanceof Integer number) {
            statement.setInt(position, number);
        } else if (value instanceof Long number) {
            statement.setLong(position, number);
        } else if (value instanceof Double number) {
            statement.setDouble(position, number);
        } else if (value instanceof OffsetDateTime at) {
            statement.setObject(position, at);
        } else {
            throw new IllegalArgumentException("no binding for a " + value.getClass().getName() + " parameter");
        }
    }
}
