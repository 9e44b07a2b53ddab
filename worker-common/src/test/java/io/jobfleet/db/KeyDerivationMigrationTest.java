package io.jobfleet.db;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Schema version 19 leaves the key derivation trigger on where a rule already names a payload
 * field, and jobs inserted after the upgrade still get their key (a fresh schema, with no rule,
 * starts with it off: KeyDerivationTriggerTest).
 */
class KeyDerivationMigrationTest {
    @Test
    void aSchemaWithAFieldRuleKeepsDerivingKeys() {
        String base = "kd" + ProcessHandle.current().pid();
        try (Database db = OlderSchema.open(base, "test-key-derivation-migration")) {
            String schema = db.config().schema();
            try {
                OlderSchema.migrateToBefore(db, schema, "19");
                db.jdbi().useHandle(h -> h.execute("INSERT INTO " + schema + ".key_limits (queue, max_per_key, ordered, key_field) "
                        + "VALUES ('messages', 1, true, 'conversation_id')"));

                new Migrations(db.dataSource(), schema).migrate();

                String key = db.jdbi().withHandle(h -> {
                    assertThat(h.createQuery("SELECT tgenabled <> 'D' FROM pg_trigger WHERE tgrelid = CAST(:jobs AS regclass) "
                            + "AND tgname = 'jobs_derive_concurrency_key'").bind("jobs", schema + ".jobs")
                            .mapTo(Boolean.class).one()).isTrue();
                    return h.createQuery("INSERT INTO " + schema + ".jobs (queue, kind, payload) "
                                    + "VALUES ('messages', 'message.reply', '{\"conversationId\": \"c-9\"}') RETURNING concurrency_key")
                            .mapTo(String.class).one();
                });
                assertThat(key).isEqualTo("c-9");
            } finally {
                db.jdbi().useHandle(h -> h.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE"));
            }
        }
    }
}
