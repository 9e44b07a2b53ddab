package io.jobfleet.mapping;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An app table as a family uses it: its key (the reference schema's table name, which is also the
 * default), the default id type, the columns with what the family does with each, its status
 * column and whether rows are deleted. Built once per family, next to the statements that use it.
 */
public final class TableSpec {
    private final String key;
    private final IdType idType;
    private final String idColumn;
    private final Map<String, ColumnSpec> columns;
    private final StatusSpec status;
    private final boolean deletes;

    private TableSpec(Builder b) {
        this.key = b.key;
        this.idType = b.idType;
        this.idColumn = b.idColumn;
        this.columns = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(b.columns));
        this.status = b.status;
        this.deletes = b.deletes;
    }

    public static Builder table(String key, IdType idType) {
        return new Builder(key, idType);
    }

    /** Status words in pairs: {@code words("done", "DONE", "error", "ERROR")}, in order. */
    public static Map<String, String> words(String... stateWord) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i + 1 < stateWord.length; i += 2) {
            m.put(stateWord[i], stateWord[i + 1]);
        }
        return m;
    }

    public String key() {
        return key;
    }

    public IdType idType() {
        return idType;
    }

    /** The id column's default name ({@code id} unless the reference schema names it otherwise). */
    public String idColumn() {
        return idColumn;
    }

    public Map<String, ColumnSpec> columns() {
        return columns;
    }

    /** The status column, or null when the family sets none on this table. */
    public StatusSpec status() {
        return status;
    }

    public boolean deletes() {
        return deletes;
    }

    /** True when the family inserts rows (so the id needs a default, an identity or {@code generate}). */
    public boolean inserts() {
        return columns.values().stream().anyMatch(c -> c.access().contains(Privilege.INSERT));
    }

    public static final class Builder {
        private final String key;
        private final IdType idType;
        private String idColumn = "id";
        private final Map<String, ColumnSpec> columns = new LinkedHashMap<>();
        private StatusSpec status;
        private boolean deletes;

        private Builder(String key, IdType idType) {
            Identifier.parse(key);
            this.key = key;
            this.idType = idType;
        }

        /** The id column's default name, when it is not {@code id}. */
        public Builder idColumn(String column) {
            Identifier.parse(column);
            this.idColumn = column;
            return this;
        }

        public Builder column(String column, ColumnKind kind, Privilege... access) {
            return add(new ColumnSpec(column, kind, null, false, set(access)));
        }

        /** A column a mapping may switch off with {@code ~} (e.g. {@code updated_at}). */
        public Builder optional(String column, ColumnKind kind, Privilege... access) {
            return add(new ColumnSpec(column, kind, null, true, set(access)));
        }

        /**
         * An optional column the default mapping leaves off: the family reads or writes it only when
         * the app's mapping names it (e.g. {@code progress: job_progress}).
         */
        public Builder optIn(String column, ColumnKind kind, Privilege... access) {
            return add(new ColumnSpec(column, kind, null, true, set(access), true));
        }

        /** A column holding the id of the table {@code table}. */
        public Builder reference(String column, String table, Privilege... access) {
            return add(new ColumnSpec(column, ColumnKind.REFERENCE, table, false, set(access)));
        }

        /** The status column with the app's default words, e.g. {@code "processing", "PROCESSING"}, ... */
        public Builder status(String column, Map<String, String> words, Privilege... access) {
            add(new ColumnSpec(column, ColumnKind.TEXT, null, false, set(access)));
            this.status = new StatusSpec(column, words);
            return this;
        }

        public Builder deletes() {
            this.deletes = true;
            return this;
        }

        public TableSpec build() {
            return new TableSpec(this);
        }

        private Builder add(ColumnSpec c) {
            Identifier.parse(c.key());
            if (columns.putIfAbsent(c.key(), c) != null) {
                throw new IllegalArgumentException("column " + c.key() + " declared twice in " + key);
            }
            return this;
        }

        private static Set<Privilege> set(Privilege... access) {
            List<Privilege> l = new ArrayList<>(List.of(access));
            return l.isEmpty() ? EnumSet.noneOf(Privilege.class) : EnumSet.copyOf(l);
        }
    }
}
