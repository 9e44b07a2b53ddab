package io.jobfleet.mapping;

import io.jobfleet.engine.ErrorClasses;
import io.jobfleet.engine.PermanentJobException;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One app table as the mapping names it, and the pieces of SQL a family's statements are built
 * from: every name comes out quoted, ids and status words are bound parameters cast to the
 * mapped types. A family renders its statements from it once, at start.
 *
 * @param columns    key to column; a switched-off optional column maps to null
 * @param generateId the worker makes the id of the rows it inserts ({@code gen_random_uuid()})
 * @param status     null when the family sets no status on this table
 */
public record MappedTable(TableSpec spec, QualifiedName name, Identifier idColumn, IdType idType, boolean generateId,
                          Map<String, Identifier> columns, Status status) {
    private static final Pattern PARAM = Pattern.compile("[a-z][a-z0-9_]*");

    /**
     * The status column of the app.
     *
     * @param enumType the column's enum type, or null for a text column
     * @param words    the family's state to the app's word
     */
    public record Status(Identifier column, QualifiedName enumType, Map<String, String> words) {
    }

    public String key() {
        return spec.key();
    }

    /** The quoted, schema-qualified table name. */
    public String table() {
        return name.sql();
    }

    /** The quoted column of {@code key}; the key must be one the family declared and left mapped. */
    public String col(String key) {
        Identifier c = columns.get(key);
        if (c == null) {
            throw new IllegalStateException(spec.key() + "." + key + " is not mapped");
        }
        return c.sql();
    }

    /** False for an optional column the mapping switched off. */
    public boolean has(String key) {
        return columns.get(key) != null;
    }

    /** {@code , "col" = now()} when the optional timestamp column is mapped, else nothing. */
    public String setNow(String key) {
        return has(key) ? ", " + col(key) + " = now()" : "";
    }

    /** {@code "col" AS key}, or {@code NULL AS key} when the optional column is switched off. */
    public String selectAs(String key) {
        return (has(key) ? col(key) : "NULL") + " AS " + param(key);
    }

    /**
     * A bytea column read only when it is small enough: {@code <key>_size} (its octet_length, 0 when
     * NULL) and {@code <key>} (the bytes when at most {@code :maxParam}, else NULL), so that a
     * large value is never sent. Both are constants when the optional column is switched off (then
     * the statement has no {@code :maxParam}).
     */
    public String boundedBytes(String key, String maxParam) {
        if (!has(key)) {
            return "0 AS " + param(key) + "_size, NULL AS " + key;
        }
        String c = col(key);
        return "coalesce(octet_length(" + c + "), 0) AS " + key + "_size, CASE WHEN octet_length(" + c + ") <= :"
                + param(maxParam) + " THEN " + c + " END AS " + key;
    }

    /** The quoted id column. */
    public String id() {
        return idColumn.sql();
    }

    /** {@code CAST(:param AS <id type>)}: an opaque id bound as text. */
    public String idValue(String param) {
        return "CAST(:" + param(param) + " AS " + idType.sql() + ")";
    }

    /**
     * The payload's id as text to bind, after checking it fits the id type.
     *
     * @throws PermanentJobException {@code bad_payload} naming {@code field} when it does not
     */
    public String requireId(AppId id, String field) throws PermanentJobException {
        if (!idType.accepts(id.value())) {
            throw new PermanentJobException(ErrorClasses.BAD_PAYLOAD, "payload field '" + field + "' must be "
                    + idType.description() + " (got " + (id.numeric() ? id.value() : "'" + id.value() + "'") + ")");
        }
        return id.value();
    }

    /** {@code "id" = CAST(:param AS <id type>)}. */
    public String whereId(String param) {
        return id() + " = " + idValue(param);
    }

    /** A new id for an inserted row, when the mapping asks the worker to make it. */
    public String newId() {
        return "CAST(pg_catalog.gen_random_uuid() AS " + idType.sql() + ")";
    }

    /** The quoted status column. */
    public String statusColumn() {
        return requireStatus().column().sql();
    }

    /** {@code CAST(:param AS <enum type>)} (or text): a status word bound as a parameter. */
    public String statusValue(String param) {
        Status s = requireStatus();
        return "CAST(:" + param(param) + " AS " + (s.enumType() == null ? "text" : s.enumType().sql()) + ")";
    }

    /** The app's word for the family's {@code state}, e.g. {@code done -> DONE}. */
    public String word(String state) {
        return Objects.requireNonNull(requireStatus().words().get(state), () -> "no word for state " + state);
    }

    /** How messages name a row: "Document 42". */
    private Status requireStatus() {
        if (status == null) {
            throw new IllegalStateException(spec.key() + " has no status column");
        }
        return status;
    }

    private static String param(String p) {
        if (!PARAM.matcher(p).matches()) {
            throw new IllegalArgumentException("bad parameter name " + p);
        }
        return p;
    }
}
