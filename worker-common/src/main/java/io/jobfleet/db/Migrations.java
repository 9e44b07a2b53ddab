package io.jobfleet.db;

import io.jobfleet.config.ConfigException;
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
    public static final String CORE_LOCATION = "classpath:db/migration";

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

    /** The state of the jobfleet schema against what this build needs. */
    public SchemaState state() {
        MigrationInfoService info = core().info();
        String current = Optional.ofNullable(info.current()).map(MigrationInfo::getVersion)
                .map(Object::toString).orElse(null);
        MigrationInfo[] all = info.all();
        String latest = all.length == 0 ? null : all[all.length - 1].getVersion().toString();
        int pending = info.pending().length;
        return new SchemaState(schema, current, latest, pending,
                Arrays.stream(info.applied()).anyMatch(m -> m.getState().isFailed()));
    }

    /** Throws a {@link SchemaOutdatedException} when the schema is older than this build needs. */
    public void requireCurrent() {
        SchemaState s = state();
        if (s.pending() > 0) {
            throw new SchemaOutdatedException(s.current() == null
                    ? "schema \"" + schema + "\" has no jobfleet tables yet (needs version " + s.latest()
                        + "): run `jobfleet migrate` first"
                    : "schema \"" + schema + "\" is at version " + s.current() + " but this worker needs "
                        + s.latest() + ": run `jobfleet migrate` first");
        }
        if (s.failed()) {
            throw new ConfigException("schema \"" + schema + "\" has a failed migration: "
                    + "see flyway_schema_history and run `jobfleet migrate` after fixing it");
        }
    }

    public record SchemaState(String schema, String current, String latest, int pending, boolean failed) {
        public boolean upToDate() {
            return pending == 0 && !failed;
        }
    }
}
