package io.jobfleet.mapping;

import java.util.Set;

/**
 * A column a family uses, under its key (the reference schema's name).
 *
 * @param references for a {@link ColumnKind#REFERENCE}, the key of the table whose id it holds
 * @param optional   a mapping may switch it off ({@code ~}); the family then neither reads nor writes it
 * @param access     what the family does with it
 * @param offByDefault an optional column the default mapping leaves off: used only when a mapping names it
 */
public record ColumnSpec(String key, ColumnKind kind, String references, boolean optional, Set<Privilege> access,
                         boolean offByDefault) {
    public ColumnSpec {
        access = Set.copyOf(access);
        if (kind == ColumnKind.LABEL && !access.equals(Set.of(Privilege.SELECT))) {
            throw new IllegalArgumentException("column " + key + " holds a label (maybe an enum), so it is only read");
        }
        if (offByDefault && !optional) {
            throw new IllegalArgumentException("column " + key + " is off by default, so it must be optional");
        }
    }

    public ColumnSpec(String key, ColumnKind kind, String references, boolean optional, Set<Privilege> access) {
        this(key, kind, references, optional, access, false);
    }
}
