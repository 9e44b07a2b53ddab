package io.jobfleet.db;

import io.jobfleet.config.ConfigException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.Optional;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationInfoService;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * The jobfleet schema's Flyway migrations (shipped in worker-common), and the opt-in reference
 * schemas of the app-side tables each family ships.
 */
public final class Migrations {
    private static final Object INFO_TURNS = new Object();

    public static final String CORE_LOCATION = "classpath:db/migration";
    /**
     * The newest jobfleet schema version this build ships: a worker checks the schema against it at
     * start without Flyway ({@code MigrationsTest} checks that it is the newest migration Flyway finds).
     */
    public static final int CORE_LATEST = 21;

    private final DataSource dataSource;
    private final String schema;

    public Migrations(DataSource dataSource, String schema) {
        this.dataSource = dataSource;
        this.schema = schema;
    }

    private Flyway core() {
        return Flyway.configure()
                .dataSource(dataSource)
                .schemas(schema)
                .defaultSchema(schema)
                .createSchemas(true)
                .locations(CORE_LOCATION)
                .table("flyway_schema_history")
                .loggers("slf4j")
                .load();
    }

    /** Applies pending jobfleet migrations; returns the number applied. */
    public int migrate() {
        MigrateResult r = core().migrate();
        return r.migrationsExecuted;
    }

    /**
     * Applies a family's reference app schema (opt-in): tables the web app normally owns, for
     * tests, the demo and apps that start from the reference. Its history is kept apart from
     * jobfleet's, in the jobfleet schema.
     */
    public int migrateAppSchema(String family, String location, String appSchema) {
        Flyway f = Flyway.configure()
                .dataSource(dataSource)
                .schemas(appSchema)
                .defaultSchema(appSchema)
                .createSchemas(true)
                .locations(location)
                .table("flyway_app_" + family + "_history")
                .baselineOnMigrate(true)
                .baselineVersion("0")
                .loggers("slf4j")
                .load();
        return f.migrate().migrationsExecuted;
    }

    /**
     * The state of the jobfleet schema against what this build needs. Flyway holds two connections
     * of the pool at once while it reads it: callers sharing a pool (the console's diagnose page,
     * requested by several operators at once) could each hold one and wait for a second until their
     * pool's timeout, so they take turns.
     */
    public SchemaState state() {
        synchronized (INFO_TURNS) {
            return readState();
        }
    }

    private SchemaState readState() {
        MigrationInfoService info = core().info();
        String current = Optional.ofNullable(info.current()).map(MigrationInfo::getVersion)
                .map(Object::toString).orElse(null);
        MigrationInfo[] all = info.all();
        String latest = all.length == 0 ? null : all[all.length - 1].getVersion().toString();
        int pending = info.pending().length;
        return new SchemaState(schema, current, latest, pending,
                Arrays.stream(info.applied()).anyMatch(m -> m.getState().isFailed()));
    }

    /**
     * Throws a {@link SchemaOutdatedException} when the schema is older than this build needs. It
     * reads Flyway's history table itself: Flyway would scan the class path and parse every
     * migration first, about half a second of a worker's start.
     */
    public void requireCurrent() {
        String history = "\"" + schema + "\".flyway_schema_history";
        int current = 0;
        boolean failed = false;
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT version, success FROM " + history + " WHERE version IS NOT NULL")) {
            while (rs.next()) {
                if (!rs.getBoolean("success")) {
                    failed = true;
                } else {
                    current = Math.max(current, major(rs.getString("version")));
                }
            }
        } catch (SQLException e) {
            if (!"42P01".equals(e.getSQLState())) { // undefined_table: nothing migrated yet
                throw new IllegalStateException("cannot read the schema version from " + history + ": "
                        + e.getMessage(), e);
            }
        }
        if (failed) {
            throw new ConfigException("schema \"" + schema + "\" has a failed migration: "
                    + "see flyway_schema_history and run `jobfleet migrate` after fixing it");
        }
        if (current < CORE_LATEST) {
            throw new SchemaOutdatedException(current == 0
                    ? "schema \"" + schema + "\" has no jobfleet tables yet (needs version " + CORE_LATEST
                        + "): run `jobfleet migrate` first"
                    : "schema \"" + schema + "\" is at version " + current + " but this worker needs "
                        + CORE_LATEST + ": run `jobfleet migrate` first");
        }
    }

    /** The leading number of a Flyway version ("13", "13.1"). */
    private static int major(String version) {
        int dot = version.indexOf('.');
        return Integer.parseInt(dot < 0 ? version : version.substring(0, dot));
    }

    public record SchemaState(String schema, String current, String latest, int pending, boolean failed) {
        public boolean upToDate() {
            return pending == 0 && !failed;
        }
    }
}
