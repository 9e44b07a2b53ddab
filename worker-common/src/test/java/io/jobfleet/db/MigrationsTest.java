package io.jobfleet.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jobfleet.config.ConfigException;
import io.jobfleet.testing.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A worker's start-up check of the schema version, without Flyway, says what Flyway would. */
class MigrationsTest {
    @RegisterExtension
    static final TestDatabase DB = new TestDatabase();

    private Migrations in(String schema) {
        return new Migrations(DB.db().dataSource(), schema);
    }

    @Test
    void theLatestVersionIsTheNewestMigrationFlywayFinds() {
        assertThat(Migrations.CORE_LATEST).hasToString(in(DB.config().schema()).state().latest());
    }

    @Test
    void aMigratedSchemaIsCurrent() {
        assertThatCode(() -> in(DB.config().schema()).requireCurrent()).doesNotThrowAnyException();
    }

    @Test
    void aSchemaWithoutTablesSaysToMigrate() {
        assertThatThrownBy(() -> in("never_migrated").requireCurrent()).isInstanceOf(SchemaOutdatedException.class)
                .hasMessage("schema \"never_migrated\" has no jobfleet tables yet (needs version "
                        + Migrations.CORE_LATEST + "): run `jobfleet migrate` first");
    }

    @Test
    void anOlderOrFailedSchemaIsRefused() {
        DB.execute("CREATE SCHEMA old_one; CREATE TABLE old_one.flyway_schema_history (version text, success boolean);"
                + "INSERT INTO old_one.flyway_schema_history VALUES (NULL, true), ('1', true), ('12', true)");
        assertThatThrownBy(() -> in("old_one").requireCurrent()).isInstanceOf(SchemaOutdatedException.class)
                .hasMessage("schema \"old_one\" is at version 12 but this worker needs " + Migrations.CORE_LATEST
                        + ": run `jobfleet migrate` first");
        DB.execute("INSERT INTO old_one.flyway_schema_history VALUES ('" + Migrations.CORE_LATEST + "', false)");
        assertThatThrownBy(() -> in("old_one").requireCurrent()).isInstanceOf(ConfigException.class)
                .hasMessageContaining("has a failed migration");
        DB.execute("DROP SCHEMA old_one CASCADE");
    }
}
