package io.jobfleet.mapping;

import io.jobfleet.db.SchemaOutdatedException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Checks a family's mapping against the catalog before the worker claims anything: every table and
 * column exists with a type the family can use, enum statuses have the mapped words as labels,
 * and the connected role holds the privileges the family needs. Each problem is one line that
 * names the table, the column and the fix.
 */
public final class CatalogCheck {
    private static final String TABLE = """
            SELECT c.oid FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = :schema AND c.relname = :table AND c.relkind IN ('r', 'p', 'v', 'f')""";
    private static final String COLUMNS = """
            SELECT a.attname, t.typname, t.typcategory, t.typtype, tn.nspname AS typschema, a.atttypid,
                   pg_catalog.format_type(a.atttypid, a.atttypmod) AS shown,
                   (a.atthasdef OR a.attidentity <> '') AS has_default
            FROM pg_catalog.pg_attribute a
            JOIN pg_catalog.pg_type t ON t.oid = a.atttypid
            JOIN pg_catalog.pg_namespace tn ON tn.oid = t.typnamespace
            WHERE a.attrelid = :oid AND a.attnum > 0 AND NOT a.attisdropped""";

    private CatalogCheck() {
    }

    private record Column(String name, String typeName, String category, String typeType, String typeSchema,
                          long typeOid, String shown, boolean hasDefault) {
    }

    /** The problems of {@code mapping}; empty when the worker can run on it. */
    public static List<String> problems(Jdbi jdbi, AppMapping mapping) {
        return jdbi.withHandle(h -> {
            String role = h.createQuery("SELECT current_user").mapTo(String.class).one();
            List<String> problems = new ArrayList<>();
            for (MappedTable t : mapping.tables()) {
                check(h, mapping, t, role, problems);
            }
            for (FunctionSpec f : mapping.functions()) {
                check(h, mapping, f, role, problems);
            }
            return problems.stream().distinct().toList(); // a schema's missing USAGE is found once per table
        });
    }

    /**
     * Throws a {@link SchemaOutdatedException} (exit code 5) listing every problem, one per line.
     */
    public static void require(Jdbi jdbi, AppMapping mapping) {
        List<String> problems = problems(jdbi, mapping);
        if (!problems.isEmpty()) {
            throw new SchemaOutdatedException("the app tables do not fit the " + mapping.family() + " mapping ("
                    + problems.size() + " problem" + (problems.size() == 1 ? "" : "s") + "):\n  "
                    + String.join("\n  ", problems));
        }
    }

    private static void check(Handle h, AppMapping mapping, MappedTable t, String role, List<String> out) {
        String path = "tables." + t.key();
        String schema = t.name().schema().name();
        boolean schemaExists = h.createQuery("SELECT count(*) FROM pg_catalog.pg_namespace WHERE nspname = :s")
                .bind("s", schema).mapTo(Integer.class).one() > 0;
        if (schemaExists && !h.createQuery("SELECT pg_catalog.has_schema_privilege(CAST(:s AS text), 'USAGE')").bind("s", schema)
                .mapTo(Boolean.class).one()) {
            out.add("schema " + t.name().schema() + ": role " + role + " lacks USAGE: GRANT USAGE ON SCHEMA "
                    + t.name().schema().sql() + " TO " + quoteRole(role));
            return;
        }
        Optional<Long> oid = h.createQuery(TABLE).bind("schema", schema).bind("table", t.name().name().name())
                .mapTo(Long.class).findOne();
        if (oid.isEmpty()) {
            out.add("table " + t.name() + " does not exist (" + path + ".table): create it (`jobfleet "
                    + mapping.family() + " migrate --app-tables` creates the reference tables) or map " + path
                    + ".table to the app's table with --app-mapping" + similarTables(h, t));
            return;
        }
        Map<String, Column> columns = new LinkedHashMap<>();
        h.createQuery(COLUMNS).bind("oid", oid.get())
                .map((rs, ctx) -> new Column(rs.getString("attname"), rs.getString("typname"),
                        rs.getString("typcategory"), rs.getString("typtype"), rs.getString("typschema"),
                        rs.getLong("atttypid"), rs.getString("shown"), rs.getBoolean("has_default")))
                .forEach(c -> columns.put(c.name(), c));

        Column id = columns.get(t.idColumn().name());
        if (id == null) {
            out.add(missing(t, t.idColumn(), path + ".id.column", columns));
        } else {
            if (!t.idType().matches(id.typeName(), id.category())) {
                out.add("table " + t.name() + " column " + t.idColumn() + " is " + id.shown() + " but " + path
                        + ".id.type is " + t.idType() + ": set " + path + ".id.type to " + suggestIdType(id));
            }
            privileges(h, oid.get(), t, id, EnumSet.of(Privilege.SELECT), role, out);
            if (t.spec().inserts() && !id.hasDefault() && !t.generateId()) {
                out.add("table " + t.name() + " column " + t.idColumn() + " has no default and the worker inserts rows: "
                        + "set " + path + ".id.generate: uuid, or give the column a default");
            }
            if (t.spec().inserts() && t.generateId()) {
                privileges(h, oid.get(), t, id, EnumSet.of(Privilege.INSERT), role, out);
            }
        }
        for (ColumnSpec spec : t.spec().columns().values()) {
            Identifier mapped = t.columns().get(spec.key());
            if (mapped == null) {
                continue; // switched off
            }
            boolean isStatus = t.status() != null && spec.key().equals(t.spec().status().key());
            String where = isStatus ? path + ".status.column" : path + ".columns." + spec.key();
            Column c = columns.get(mapped.name());
            if (c == null) {
                out.add(missing(t, mapped, where, columns));
                continue;
            }
            if (isStatus) {
                status(h, t, c, path + ".status", out);
            } else if (spec.kind() == ColumnKind.REFERENCE) {
                IdType ref = mapping.table(spec.references()).idType();
                if (!ref.matches(c.typeName(), c.category())) {
                    out.add("table " + t.name() + " column " + mapped + " is " + c.shown() + " but holds ids of "
                            + spec.references() + " (" + ref + "): make the types match (" + where + ")");
                }
            } else if (!spec.kind().matches(c.typeName(), c.category())) {
                out.add("table " + t.name() + " column " + mapped + " is " + c.shown() + ", the " + mapping.family()
                        + " family needs " + spec.kind().description() + " (" + where + "): map another column "
                        + "or change its type");
            }
            privileges(h, oid.get(), t, c, spec.access(), role, out);
        }
        if (t.spec().inserts() && !t.generateId()) {
            serialSequence(h, t).filter(seq -> !h.createQuery("SELECT pg_catalog.has_sequence_privilege(CAST(:s AS text), 'USAGE')")
                    .bind("s", seq).mapTo(Boolean.class).one()).ifPresent(seq -> out.add("table " + t.name() + ": role "
                    + role + " lacks USAGE on the sequence of its id column " + t.idColumn() + ": GRANT USAGE ON SEQUENCE "
                    + seq + " TO " + quoteRole(role)));
        }
        if (t.spec().deletes() && !h.createQuery("SELECT pg_catalog.has_table_privilege(CAST(:oid AS oid), 'DELETE')").bind("oid", oid.get())
                .mapTo(Boolean.class).one()) {
            out.add("table " + t.name() + ": role " + role + " lacks DELETE: GRANT DELETE ON " + t.table() + " TO "
                    + quoteRole(role));
        }
    }

    /**
     * A function the family calls: it must exist with its argument types and be executable. Not
     * looked up in a schema the role may not use (its tables' check says so already).
     */
    private static void check(Handle h, AppMapping mapping, FunctionSpec f, String role, List<String> out) {
        Identifier schema = mapping.table(f.schemaOfTable()).name().schema();
        boolean usable = h.createQuery("SELECT pg_catalog.has_schema_privilege(n.oid, 'USAGE') "
                        + "FROM pg_catalog.pg_namespace n WHERE n.nspname = :s")
                .bind("s", schema.name()).mapTo(Boolean.class).findOne().orElse(false);
        if (!usable) {
            return;
        }
        String signature = mapping.function(f) + "(" + f.arguments() + ")";
        String shown = schema + "." + new Identifier(f.name()) + "(" + f.arguments() + ")";
        Optional<Long> oid = h.createQuery("SELECT CAST(pg_catalog.to_regprocedure(CAST(:f AS text)) AS oid)")
                .bind("f", signature).mapTo(Long.class).findOne();
        if (oid.isEmpty()) {
            out.add("function " + shown + " does not exist (the " + mapping.family() + " family calls it in the schema "
                    + "of tables." + f.schemaOfTable() + "): " + f.howToCreate());
        } else if (!h.createQuery("SELECT pg_catalog.has_function_privilege(CAST(:oid AS oid), 'EXECUTE')")
                .bind("oid", oid.get()).mapTo(Boolean.class).one()) {
            out.add("function " + shown + ": role " + role + " lacks EXECUTE: GRANT EXECUTE ON FUNCTION " + signature
                    + " TO " + quoteRole(role));
        }
    }

    /**
     * The sequence behind a serial id column ({@code DEFAULT nextval(...)}), which an INSERT needs
     * USAGE on; none for an identity column (PostgreSQL checks no privilege on its sequence), for
     * other defaults, or when the table does not exist.
     */
    static Optional<String> serialSequence(Handle h, MappedTable t) {
        return h.createQuery("SELECT pg_catalog.pg_get_serial_sequence(CAST(:t AS text), CAST(:c AS text)) "
                        + "FROM pg_catalog.pg_attribute a WHERE a.attrelid = pg_catalog.to_regclass(CAST(:t AS text)) "
                        + "AND a.attname = :c AND a.attidentity = ''")
                .bind("t", t.table()).bind("c", t.idColumn().name()).mapTo(String.class).findOne();
    }

    private static void status(Handle h, MappedTable t, Column c, String path, List<String> out) {
        MappedTable.Status s = t.status();
        if ("e".equals(c.typeType())) {
            QualifiedName actual = new QualifiedName(new Identifier(c.typeSchema()), new Identifier(c.typeName()));
            if (!actual.equals(s.enumType())) {
                out.add("table " + t.name() + " column " + s.column() + " is the enum " + actual + " but " + path
                        + ".type is " + (s.enumType() == null ? "text" : s.enumType()) + ": set " + path + ".type: '"
                        + actual + "'");
                return;
            }
            List<String> labels = h.createQuery("SELECT enumlabel FROM pg_catalog.pg_enum WHERE enumtypid = :t "
                    + "ORDER BY enumsortorder").bind("t", c.typeOid()).mapTo(String.class).list();
            s.words().forEach((state, word) -> {
                if (!labels.contains(word)) {
                    out.add("table " + t.name() + " column " + s.column() + ": enum " + actual + " has no label '" + word
                            + "' (" + path + ".words." + state + "): map it to one of " + labels
                            + " or ALTER TYPE " + actual.sql() + " ADD VALUE '" + word.replace("'", "''") + "'");
                }
            });
        } else if (s.enumType() != null) {
            out.add("table " + t.name() + " column " + s.column() + " is " + c.shown() + ", not the enum " + s.enumType()
                    + " (" + path + ".type): set " + path + ".type: text");
        } else if (!"S".equals(c.category())) {
            out.add("table " + t.name() + " column " + s.column() + " is " + c.shown() + ", a status needs text or an "
                    + "enum (" + path + ".column)");
        }
    }

    private static void privileges(Handle h, long oid, MappedTable t, Column c, Set<Privilege> access, String role,
                                   List<String> out) {
        for (Privilege p : access) {
            boolean held = h.createQuery("SELECT pg_catalog.has_column_privilege(CAST(:oid AS oid), CAST(:col AS text), CAST(:p AS text))").bind("oid", oid)
                    .bind("col", c.name()).bind("p", p.name()).mapTo(Boolean.class).one();
            if (!held) {
                Identifier col = new Identifier(c.name());
                out.add("table " + t.name() + " column " + col + ": role " + role + " lacks " + p + ": GRANT " + p
                        + " (" + col.sql() + ") ON " + t.table() + " TO " + quoteRole(role));
            }
        }
    }

    private static String missing(MappedTable t, Identifier column, String where, Map<String, Column> columns) {
        String similar = columns.keySet().stream().filter(c -> c.equalsIgnoreCase(column.name())).findFirst()
                .map(c -> "; it has " + new Identifier(c) + ": a name with capitals is written quoted in the YAML file, "
                        + "e.g. '" + new Identifier(c).sql() + "'")
                .orElse("");
        return "table " + t.name() + " has no column " + column + " (" + where + "): add the column or map " + where
                + " to the app's column" + similar;
    }

    /**
     * Tables of the same name up to case, in any schema: the likely mapping of a Prisma model whose
     * quotes YAML ate ({@code table: "Document"} is the YAML string Document, folded to document),
     * or a table in a schema other than the mapping's.
     */
    private static String similarTables(Handle h, MappedTable t) {
        List<String> found = h.createQuery("SELECT pg_catalog.quote_ident(n.nspname) || '.' || pg_catalog.quote_ident(c.relname) "
                        + "FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace "
                        + "WHERE pg_catalog.lower(c.relname) = pg_catalog.lower(:t) AND c.relkind IN ('r', 'p', 'v', 'f') "
                        + "AND n.nspname NOT IN ('pg_catalog', 'information_schema') "
                        + "ORDER BY n.nspname = :s DESC, 1 LIMIT 5") // the mapping's own schema first
                .bind("t", t.name().name().name()).bind("s", t.name().schema().name()).mapTo(String.class).list();
        return found.isEmpty() ? "" : "; found " + String.join(", ", found) + " (a name with capitals is written quoted "
                + "in the YAML file, e.g. table: '\"Document\"'; another schema with schema: or --app-schema)";
    }

    private static String suggestIdType(Column c) {
        return switch (c.typeName()) {
            case "int8" -> "bigint";
            case "int4" -> "integer";
            case "uuid" -> "uuid";
            default -> "S".equals(c.category()) ? "text" : "one of bigint, integer, uuid, text (the column is "
                    + c.shown() + ")";
        };
    }

    private static String quoteRole(String role) {
        return new Identifier(role).sql();
    }
}
