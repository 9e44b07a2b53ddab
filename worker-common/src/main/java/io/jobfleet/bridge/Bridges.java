package io.jobfleet.bridge;

import io.jobfleet.config.ConfigException;
import io.jobfleet.db.Database;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * Installs, removes and inspects bridges. Each install or remove is one transaction: the triggers,
 * the backfill and the {@code bridges} row commit together or not at all, and re-installing a
 * changed configuration replaces the old triggers in that same transaction.
 */
public final class Bridges {
    private final Database db;
    private final String schema;

    public Bridges(Database db) {
        this.db = db;
        this.schema = db.schema();
    }

    /** What an install did: whether it replaced an installed bridge, and how many rows it backfilled. */
    public record Installed(String name, boolean replaced, int backfilled) {
    }

    public Installed install(BridgeConfig config) {
        return db.jdbi().inTransaction(h -> {
            lockBridges(h);
            Optional<String> previous = h.createQuery("SELECT remove_sql FROM " + bridges() + " WHERE name = :name")
                    .bind("name", config.name()).mapTo(String.class).findOne();
            h.createQuery("SELECT name FROM " + bridges() + " WHERE name <> :name AND source_table = :table")
                    .bind("name", config.name()).bind("table", sourceName(config)).mapTo(String.class).findFirst()
                    .ifPresent(other -> {
                        throw new ConfigException("table " + sourceName(config) + " already has bridge \"" + other
                                + "\": remove it first (one bridge per table, or every insert would make two jobs)");
                    });
            if (previous.isPresent()) {
                execute(h, previous.get());
            }
            checkTimeZone(h, config.timeZone());
            BridgeSql sql = new BridgeSql(config, SourceTable.load(h, config.schemaName(), config.tableName()), schema);
            // Creating the insert trigger locks the source table against inserts until commit, so the
            // backfill below sees every row committed before it, and every later row fires the trigger.
            for (String statement : sql.install()) {
                execute(h, statement);
            }
            int backfilled = execute(h, sql.backfill());
            h.createUpdate("INSERT INTO " + bridges() + " (name, source_table, config, install_sql, remove_sql)"
                            + " VALUES (:name, :table, CAST(:config AS jsonb), :install, :remove)"
                            + " ON CONFLICT (name) DO UPDATE SET source_table = EXCLUDED.source_table,"
                            + " config = EXCLUDED.config, install_sql = EXCLUDED.install_sql,"
                            + " remove_sql = EXCLUDED.remove_sql, installed_at = now(), installed_by = current_user")
                    .bind("name", config.name()).bind("table", sourceName(config)).bind("config", config.toJson())
                    .bind("install", String.join(";\n\n", sql.install()) + ";\n")
                    .bind("remove", String.join(";\n", sql.remove()) + ";\n")
                    .execute();
            return new Installed(config.name(), previous.isPresent(), backfilled);
        });
    }

    /**
     * Removes a bridge's triggers and functions. Its jobs stay as they are (pending ones still run)
     * but no longer write to the app's rows. Returns false when no bridge has that name.
     */
    public boolean remove(String name) {
        return db.jdbi().inTransaction(h -> {
            lockBridges(h);
            Optional<String> sql = h.createQuery("SELECT remove_sql FROM " + bridges() + " WHERE name = :name")
                    .bind("name", name).mapTo(String.class).findOne();
            if (sql.isEmpty()) {
                return false;
            }
            execute(h, sql.get());
            h.createUpdate("DELETE FROM " + bridges() + " WHERE name = :name").bind("name", name).execute();
            return true;
        });
    }

    /** Every installed bridge (or the one named), with counts on both sides. */
    public List<BridgeStatus> status(Optional<String> name) {
        return db.jdbi().inTransaction(h -> {
            List<Map<String, Object>> rows = h.createQuery("SELECT name, config::text AS config, installed_at::text AS at FROM "
                    + bridges() + " WHERE (CAST(:name AS text) IS NULL OR name = :name) ORDER BY name")
                    .bind("name", name.orElse(null)).mapToMap().list();
            List<BridgeStatus> out = new ArrayList<>();
            for (Map<String, Object> row : rows) {
                out.add(statusOf(h, BridgeConfig.parse((String) row.get("config")), (String) row.get("at")));
            }
            return out;
        });
    }

    private BridgeStatus statusOf(Handle h, BridgeConfig config, String installedAt) {
        Map<String, Long> jobs = new LinkedHashMap<>();
        h.createQuery("SELECT status, count(*) AS n FROM \"" + schema
                        + "\".jobs WHERE bridge = :name GROUP BY status ORDER BY status").bind("name", config.name())
                .map((rs, ctx) -> jobs.put(rs.getString("status"), rs.getLong("n"))).list();
        List<String> missing = new ArrayList<>();
        BridgeSql sql;
        try {
            sql = new BridgeSql(config, SourceTable.load(h, config.schemaName(), config.tableName()), schema);
        } catch (ConfigException e) {
            // the table or a column is gone: nothing on the app's side can be counted
            return new BridgeStatus(config.name(), config.table(), installedAt, jobs, Map.of(), 0, List.of(), 0, List.of(), 0,
                    List.of("source table no longer fits: " + e.getMessage()));
        }
        sql.expectedTriggers().forEach((trigger, table) -> {
            boolean present = h.createQuery("SELECT EXISTS (SELECT 1 FROM pg_catalog.pg_trigger"
                            + " WHERE tgname = :t AND tgrelid = CAST(:table AS regclass))")
                    .bind("t", trigger).bind("table", table).mapTo(Boolean.class).one();
            if (!present) {
                missing.add(trigger + " on " + table);
            }
        });
        return new BridgeStatus(config.name(), sourceName(config), installedAt, jobs,
                counts(h, sql.sourceCounts()),
                count(h, sql.mismatches()), ids(h, sql.mismatchExamples()),
                count(h, sql.pendingWithoutJob()), ids(h, sql.pendingWithoutJobExamples()),
                count(h, sql.jobsWithoutSource()), missing);
    }

    // Generated SQL goes straight to JDBC: it has no parameters, and its quoted text (status words,
    // function bodies) must not be read by Jdbi's parameter parser.

    private static int execute(Handle h, String sql) {
        try (Statement st = h.getConnection().createStatement()) {
            st.execute(sql);
            return Math.max(st.getUpdateCount(), 0);
        } catch (SQLException e) {
            throw new BridgeSqlException(e);
        }
    }

    private static Map<String, Long> counts(Handle h, String sql) {
        Map<String, Long> m = new LinkedHashMap<>();
        try (Statement st = h.getConnection().createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                m.put(rs.getString(1), rs.getLong(2));
            }
            return m;
        } catch (SQLException e) {
            throw new BridgeSqlException(e);
        }
    }

    private static List<String> ids(Handle h, String sql) {
        List<String> ids = new ArrayList<>();
        try (Statement st = h.getConnection().createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                ids.add(rs.getString(1));
            }
            return ids;
        } catch (SQLException e) {
            throw new BridgeSqlException(e);
        }
    }

    private static long count(Handle h, String sql) {
        try (Statement st = h.getConnection().createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new BridgeSqlException(e);
        }
    }

    /** A generated statement failed; the message is PostgreSQL's. */
    static final class BridgeSqlException extends RuntimeException {
        BridgeSqlException(SQLException e) {
            super(e.getMessage(), e);
        }
    }

    private void lockBridges(Handle h) {
        h.execute("LOCK TABLE " + bridges() + " IN SHARE ROW EXCLUSIVE MODE");
    }

    private void checkTimeZone(Handle h, String zone) {
        boolean known = h.createQuery("SELECT EXISTS (SELECT 1 FROM pg_catalog.pg_timezone_names WHERE name = :z)"
                        + " OR EXISTS (SELECT 1 FROM pg_catalog.pg_timezone_abbrevs WHERE abbrev = :z)")
                .bind("z", zone).mapTo(Boolean.class).one();
        if (!known) {
            throw new ConfigException("unknown timeZone \"" + zone + "\" (use a name such as UTC or Europe/Berlin)");
        }
    }

    private String bridges() {
        return "\"" + schema + "\".bridges";
    }

    private static String sourceName(BridgeConfig config) {
        return SqlText.qualified(config.schemaName(), config.tableName());
    }
}
