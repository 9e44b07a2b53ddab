package io.jobfleet.db;

import java.util.Arrays;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationVersion;

/** A jobfleet schema as an older release left it, for the tests of one migration's upgrade. */
final class OlderSchema {
    private OlderSchema() {
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
