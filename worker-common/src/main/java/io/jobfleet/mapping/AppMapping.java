package io.jobfleet.mapping;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A family's app tables as resolved from its default and the operator's mapping file. */
public final class AppMapping {
    private final String family;
    private final Map<String, MappedTable> tables;
    private final List<FunctionSpec> functions;

    AppMapping(String family, Map<String, MappedTable> tables, List<FunctionSpec> functions) {
        this.family = family;
        this.tables = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(tables));
        this.functions = List.copyOf(functions);
    }

    public String family() {
        return family;
    }

    /** The table of {@code key} (the reference schema's table name). */
    public MappedTable table(String key) {
        MappedTable t = tables.get(key);
        if (t == null) {
            throw new IllegalArgumentException("the " + family + " mapping has no table " + key);
        }
        return t;
    }

    public Collection<MappedTable> tables() {
        return tables.values();
    }

    /** The app's functions the family calls. */
    public List<FunctionSpec> functions() {
        return functions;
    }

    /** {@code f} qualified with the schema of its table, as SQL, e.g. {@code "app".ai_remaining_tokens}. */
    public String function(FunctionSpec f) {
        return table(f.schemaOfTable()).name().schema().sql() + "." + new Identifier(f.name()).sql();
    }
}
