package io.jobfleet.db;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Reads a named SQL file beside the db classes ({@code sql/NAME.sql}), fills in
 * {@code {held_locked}} with the shared lock step of held jobs and {@code {schema}} with the
 * configured, validated schema name. Values are always bound parameters, never part of the text.
 */
final class NamedSql {
    /** Where a statement on several held jobs takes the one shared lock step, {@code sql/held_locked.sql}. */
    private static final String HELD_LOCKED = "{held_locked}";

    private NamedSql() {
    }

    static String load(String name, String schema) {
        String path = "sql/" + name + ".sql";
        try (InputStream in = NamedSql.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing SQL resource " + path);
            }
            String sql = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            if (sql.contains(HELD_LOCKED)) {
                sql = sql.replace(HELD_LOCKED, load("held_locked", schema));
            }
            return sql.replace("{schema}", "\"" + schema + "\"");
        } catch (IOException e) {
            throw new IllegalStateException("cannot read SQL resource " + path, e);
        }
    }
}
