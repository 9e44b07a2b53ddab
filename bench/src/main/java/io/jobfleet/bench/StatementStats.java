package io.jobfleet.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * Reads {@code pg_stat_statements} (when the server loads it): statement counts per role or per
 * query text, which show what a worker sends to the database.
 */
final class StatementStats {
    /** One normalised statement, whole as pg_stat_statements keeps it, and how often it ran. */
    record Row(String text, long calls, long rows, double totalMillis) {
        /** Its first meaningful line ({@link #oneLine}), for reports. */
        String query() {
            return oneLine(text);
        }
    }

    private final DataSource ds;
    private final boolean available;

    StatementStats(DataSource ds) {
        this.ds = ds;
        this.available = enable();
    }

    boolean available() {
        return available;
    }

    private boolean enable() {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT current_setting('shared_preload_libraries', true)")) {
                rs.next();
                String libs = rs.getString(1);
                if (libs == null || !libs.contains("pg_stat_statements")) {
                    return false;
                }
            }
            s.execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
            s.executeQuery("SELECT count(*) FROM pg_stat_statements").close();
            return true;
        } catch (SQLException e) {
            return false;
        }
    }

    void reset() {
        if (available) {
            query("SELECT pg_stat_statements_reset()", null);
        }
    }

    /** Statements run by {@code role}, most called first. */
    List<Row> byRole(String role) {
        return query("SELECT query, calls, rows, total_exec_time FROM pg_stat_statements "
                + "WHERE userid = (SELECT oid FROM pg_roles WHERE rolname = ?) ORDER BY calls DESC", role);
    }

    /**
     * Statements whose text mentions {@code text} (e.g. a schema name), most called first, leaving
     * out the bench's own ({@link Drain#MARK}).
     */
    List<Row> mentioning(String text) {
        return query("SELECT query, calls, rows, total_exec_time FROM pg_stat_statements "
                + "WHERE strpos(query, ?) > 0 AND strpos(query, '" + Drain.MARK.strip() + "') = 0 "
                + "ORDER BY calls DESC", text);
    }

    /** {@link #mentioning} plus every BEGIN, COMMIT and ROLLBACK (the bench's own run without them). */
    List<Row> mentioningOrTransaction(String text) {
        return query("SELECT query, calls, rows, total_exec_time FROM pg_stat_statements "
                + "WHERE (strpos(query, ?) > 0 AND strpos(query, '" + Drain.MARK.strip() + "') = 0) "
                + "OR upper(query) IN ('BEGIN', 'COMMIT', 'ROLLBACK') ORDER BY calls DESC", text);
    }

    static long calls(List<Row> rows) {
        return rows.stream().mapToLong(Row::calls).sum();
    }

    /**
     * Statements sent: the calls, with one COMMIT per BEGIN. pg_stat_statements under-counts the
     * COMMITs the PostgreSQL JDBC driver sends (it records one however many run), while every
     * BEGIN is counted, and each transaction ends with one COMMIT or ROLLBACK.
     */
    static long statementsSent(List<Row> rows) {
        long begins = count(rows, "BEGIN");
        long ends = count(rows, "COMMIT") + count(rows, "ROLLBACK");
        return calls(rows) + Math.max(0, begins - ends);
    }

    private static long count(List<Row> rows, String statement) {
        return rows.stream().filter(r -> r.query().equalsIgnoreCase(statement)).mapToLong(Row::calls).sum();
    }

    private List<Row> query(String sql, String param) {
        List<Row> rows = new ArrayList<>();
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            if (param != null) {
                ps.setString(1, param);
            }
            boolean hasRows = ps.execute();
            if (hasRows && ps.getResultSet().getMetaData().getColumnCount() == 4) {
                try (ResultSet rs = ps.getResultSet()) {
                    while (rs.next()) {
                        rows.add(new Row(rs.getString(1), rs.getLong(2), rs.getLong(3), rs.getDouble(4)));
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("pg_stat_statements: " + e.getMessage(), e);
        }
        return rows;
    }

    /** The first meaningful line of a statement: skips comment lines, squeezes white space. */
    static String oneLine(String sql) {
        StringBuilder sb = new StringBuilder();
        for (String line : sql.split("\n")) {
            String t = line.strip();
            if (!t.isEmpty() && !t.startsWith("--")) {
                sb.append(sb.length() == 0 ? "" : " ").append(t);
            }
        }
        String s = sb.toString().replaceAll("\\s+", " ");
        return s.length() > 140 ? s.substring(0, 137) + "..." : s;
    }
}
