package io.jobfleet.bridge;

import io.jobfleet.config.ConfigException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;

/**
 * The app's queue table as the catalog describes it: each column's type, so the generated SQL
 * casts to exactly that type, and a bridge that names a missing column or an unknown enum label is
 * refused at install with a message instead of failing the app's inserts later.
 */
final class SourceTable {
    /** A column's type: schema and name of the type, its kind ({@code e}: enum) and enum labels. */
    record Column(String name, String typeSchema, String typeName, char typeType, char category, List<String> labels) {
        /** The type as a cast target: {@code "pg_catalog"."timestamptz"}. */
        String type() {
            return SqlText.qualified(typeSchema, typeName);
        }

        boolean isEnum() {
            return typeType == 'e';
        }

        boolean isText() {
            return category == 'S';
        }

        boolean isJson() {
            return typeSchema.equals("pg_catalog") && (typeName.equals("json") || typeName.equals("jsonb"));
        }

        boolean isNumber() {
            return category == 'N';
        }

        /** {@code timestamp} without time zone (read and written in the bridge's time zone). */
        boolean isLocalTimestamp() {
            return typeSchema.equals("pg_catalog") && typeName.equals("timestamp");
        }

        boolean isTimestamp() {
            return isLocalTimestamp() || typeSchema.equals("pg_catalog") && typeName.equals("timestamptz");
        }
    }

    private static final String COLUMNS = """
            SELECT a.attname AS name, tn.nspname AS type_schema, t.typname AS type_name,
                   t.typtype AS type_type, t.typcategory AS category,
                   ARRAY(SELECT e.enumlabel::text FROM pg_catalog.pg_enum e
                          WHERE e.enumtypid = t.oid ORDER BY e.enumsortorder) AS labels
              FROM pg_catalog.pg_attribute a
              JOIN pg_catalog.pg_class c ON c.oid = a.attrelid
              JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
              JOIN pg_catalog.pg_type t ON t.oid = a.atttypid
              JOIN pg_catalog.pg_namespace tn ON tn.oid = t.typnamespace
             WHERE n.nspname = :schema AND c.relname = :table AND c.relkind IN ('r', 'p')
               AND a.attnum > 0 AND NOT a.attisdropped
            """;

    private final String schema;
    private final String table;
    private final Map<String, Column> columns;

    private SourceTable(String schema, String table, Map<String, Column> columns) {
        this.schema = schema;
        this.table = table;
        this.columns = columns;
    }

    static SourceTable load(Handle h, String schema, String table) {
        Map<String, Column> columns = new HashMap<>();
        h.createQuery(COLUMNS).bind("schema", schema).bind("table", table)
                .map((rs, ctx) -> new Column(rs.getString("name"), rs.getString("type_schema"), rs.getString("type_name"),
                        rs.getString("type_type").charAt(0), rs.getString("category").charAt(0),
                        Arrays.asList((String[]) rs.getArray("labels").getArray())))
                .forEach(c -> columns.put(c.name(), c));
        if (columns.isEmpty()) {
            throw new ConfigException("table " + SqlText.qualified(schema, table) + " does not exist");
        }
        return new SourceTable(schema, table, columns);
    }

    /** The quoted, schema-qualified table name. */
    String sql() {
        return SqlText.qualified(schema, table);
    }

    /** The column, which must exist; {@code role} says what the bridge uses it for. */
    Column column(String name, String role) {
        Column c = columns.get(name);
        if (c == null) {
            throw new ConfigException(role + " column \"" + name + "\" does not exist in " + sql()
                    + " (names are exact: case matters)");
        }
        return c;
    }
}
