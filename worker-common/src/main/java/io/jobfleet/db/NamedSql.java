package io.jobfleet.db;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Reads a named SQL file beside the db classes ({@code sql/NAME.sql}) and fills in
 * {@code {schema}} with the configured, validated schema name. Values are always bound
 * parameters, never part of the text.
 */
final class NamedSql {
    private NamedSql() {
    }

    static String load(String name, String schema) {
        String path = "sql/" + name + ".sql";
        try (InputStream in = NamedSql.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing SQL resource " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .replace("{schema}", "\"" + schema + "\"");
        } catch (IOException e) {
            throw new IllegalStateException("cannot read SQL resource " + path, e);
        }
    }
}
