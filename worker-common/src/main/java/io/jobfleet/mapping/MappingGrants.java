package io.jobfleet.mapping;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jdbi.v3.core.Handle;

/**
 * The GRANT statements that give a role what a family's handlers need of the app's tables and
 * functions in a mapping, and nothing more: what {@link CatalogCheck} verifies, written as SQL for
 * the tables' owner to run ({@code check --print-grants ROLE}). Column privileges name the mapped
 * columns; the sequence of a serial id the worker inserts into is granted too.
 */
public final class MappingGrants {
    private MappingGrants() {
    }

    public static List<String> statements(Handle h, AppMapping mapping, String role) {
        String to = " TO " + new Identifier(role).sql() + ";";
        List<String> out = new ArrayList<>();
        Set<String> schemas = new LinkedHashSet<>();
        mapping.tables().forEach(t -> schemas.add(t.name().schema().sql()));
        schemas.forEach(s -> out.add("GRANT USAGE ON SCHEMA " + s + to));
        for (MappedTable t : mapping.tables()) {
            Map<Privilege, Set<String>> columns = new EnumMap<>(Privilege.class);
            columns.computeIfAbsent(Privilege.SELECT, p -> new LinkedHashSet<>()).add(t.idColumn().sql());
            if (t.spec().inserts() && t.generateId()) {
                columns.computeIfAbsent(Privilege.INSERT, p -> new LinkedHashSet<>()).add(t.idColumn().sql());
            }
            for (ColumnSpec spec : t.spec().columns().values()) {
                Identifier mapped = t.columns().get(spec.key());
                if (mapped != null) {
                    spec.access().forEach(p -> columns.computeIfAbsent(p, k -> new LinkedHashSet<>()).add(mapped.sql()));
                }
            }
            columns.forEach((p, cols) -> out.add("GRANT " + p + " (" + String.join(", ", cols) + ") ON " + t.table() + to));
            if (t.spec().deletes()) {
                out.add("GRANT DELETE ON " + t.table() + to);
            }
            CatalogCheck.serialSequence(h, t).ifPresent(seq -> out.add("GRANT USAGE ON SEQUENCE " + seq + to));
        }
        for (FunctionSpec f : mapping.functions()) {
            out.add("GRANT EXECUTE ON FUNCTION " + mapping.function(f) + "(" + f.arguments() + ")" + to);
        }
        return out;
    }
}
