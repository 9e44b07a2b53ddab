package io.jobfleet.db;

import io.jobfleet.config.DbConfig;
import io.jobfleet.config.Secret;
import io.jobfleet.testing.TestPostgres;
import java.util.Arrays;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationVersion;

/** A jobfleet schema as an older release left it, for the tests of one migration's upgrade. */
final class OlderSchema {
    private OlderSchema() {
    }

    /**
     * A database of the test server whose jobfleet schema is {@code base + "_jobs"} (and app schema
     * {@code base + "_appdata"}), not yet migrated: the caller migrates it and drops it.
     */
    static Database open(String base, String applicationName) {
        return Database.open(new DbConfig(TestPostgres.url(), TestPostgres.user(), Secret.of(TestPostgres.password()),
                base + "_jobs", base + "_appdata", 4), applicationName);
    }

    /** Migrates {@code schema} to the newest version before {@code version}, whichever that is. */
    static void migrateToBefore(Database db, String schema, String version) {
        var flyway = Flyway.configure().dataSource(db.dataSource()).schemas(schema).defaultSchema(schema)
                .createSchemas(true).locations(Migrations.CORE_LOCATION).table("flyway_schema_history");
        MigrationVersion before = Arrays.stream(flyway.load().info().all()).map(m -> m.getVersion())
                .filter(v -> !v.isAtLeast(version)).max(Comparable::compareTo).orElseThrow();
        flyway.target(before).load().migrate();
    }
}
