package io.jobfleet.db;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Schema version 13 replaces enqueue() with one that takes a traceparent: a role that could call
 * the old one can call the new one right after the upgrade, before deploy/sql is run again, and
 * PUBLIC still cannot.
 */
class TraceparentMigrationTest {
    private static final String OLD = "enqueue(text, text, jsonb, integer, timestamptz, text, integer, integer)";
    private static final String NEW =
            "enqueue(text, text, jsonb, integer, timestamptz, text, integer, integer, text, text)";

    @Test
    void theAppsRoleKeepsItsGrantOnEnqueueThroughTheUpgrade() {
        String base = "tp" + ProcessHandle.current().pid();
        String role = base + "_app";
        try (Database db = OlderSchema.open(base, "test-traceparent-migration")) {
            String schema = db.config().schema();
            try {
                OlderSchema.migrateToBefore(db, schema, "13");
                db.jdbi().useHandle(h -> {
                    h.execute("CREATE ROLE " + role + " NOLOGIN");
                    h.execute("REVOKE EXECUTE ON FUNCTION " + schema + "." + OLD + " FROM PUBLIC");
                    h.execute("GRANT EXECUTE ON FUNCTION " + schema + "." + OLD + " TO " + role);
                });

                new Migrations(db.dataSource(), schema).migrate();

                db.jdbi().useHandle(h -> {
                    assertThat(h.createQuery("SELECT has_function_privilege(:role, :f, 'EXECUTE')")
                            .bind("role", role).bind("f", schema + "." + NEW).mapTo(Boolean.class).one())
                            .as("the app's role may call the new enqueue").isTrue();
                    assertThat(h.createQuery("SELECT proacl::text FROM pg_proc WHERE oid = CAST(:f AS regprocedure)")
                            .bind("f", schema + "." + NEW).mapTo(String.class).one())
                            .as("PUBLIC got nothing back").doesNotStartWith("{=X").doesNotContain(",=X");
                    long id = h.createQuery("SELECT " + schema + ".enqueue('q'::text, 'k'::text, "
                                    + "p_traceparent => '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01')")
                            .mapTo(Long.class).one();
                    assertThat(h.createQuery("SELECT traceparent FROM " + schema + ".jobs WHERE id = :id")
                            .bind("id", id).mapTo(String.class).one())
                            .isEqualTo("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");
                });
            } finally {
                db.jdbi().useHandle(h -> {
                    h.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
                    h.execute("DROP ROLE IF EXISTS " + role);
                });
            }
        }
    }
}
