package io.jobfleet.db;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Reads a named SQL file beside the db classes ({@code sql/NAME.sql}), fills in its fragments
 * ({@link #FRAGMENTS}) and {@code {schema}} with the configured, validated schema name. Values are
 * always bound parameters, never part of the text.
 */
final class NamedSql {
    /**
     * The fragments a statement may name as {@code {name}}, each the file {@code sql/name.sql}:
     * the shared lock step of statements on several held jobs, what both claim statements set on
     * the rows they take and return of them, and their lookup of the queue's claim buckets.
     */
    private static final List<String> FRAGMENTS = List.of("held_locked", "claim_set", "claim_returning",
            "claim_buckets");

    private NamedSql() {
    }

    static String load(String name, String schema) {
        String path = "sql/" + name + ".sql";
        try (InputStream in = NamedSql.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing SQL resource " + path);
            }
            String sql = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            for (String fragment : FRAGMENTS) {
                String place = "{" + fragment + "}";
                if (sql.contains(place)) {
                    sql = sql.replace(place, load(fragment, schema));
                }
            }
            return sql.replace("{schema}", "\"" + schema + "\"");
        } catch (IOException e) {
            throw new IllegalStateException("cannot read SQL resource " + path, e);
        }
    }
}
