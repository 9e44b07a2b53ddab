package io.jobfleet.db;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;

/** Row reading shared by the operator statements. */
final class AdminRows {
    private AdminRows() {
    }

    static StuckJob stuckJob(ResultSet rs) throws SQLException {
        return new StuckJob(rs.getLong("id"), rs.getString("queue"), rs.getString("kind"), rs.getInt("attempts"),
                rs.getInt("max_attempts"), rs.getString("locked_by"), QueueSql.instant(rs, "lease_until"),
                QueueSql.instant(rs, "started_at"), rs.getInt("timeout_seconds"), rs.getDouble("overdue_seconds"));
    }

    static Double nullableDouble(ResultSet rs, String column) throws SQLException {
        double v = rs.getDouble(column);
        return rs.wasNull() ? null : v;
    }

    static List<Long> longs(ResultSet rs, String column) throws SQLException {
        Array a = rs.getArray(column);
        if (a == null) {
            return List.of();
        }
        return List.of((Long[]) a.getArray());
    }

    static List<String> strings(ResultSet rs, String column) throws SQLException {
        Array a = rs.getArray(column);
        if (a == null) {
            return List.of();
        }
        return List.of((String[]) a.getArray());
    }

    static double seconds(Duration d) {
        return d.toMillis() / 1000.0;
    }
}
