package io.jobfleet.mapping;

import io.jobfleet.config.ConfigException;

/** A schema-qualified table or type name, e.g. {@code app."Document"}. */
public record QualifiedName(Identifier schema, Identifier name) {

    /**
     * Parses {@code name} or {@code schema.name}, each part plain or double-quoted; an unqualified
     * name lands in {@code defaultSchema}.
     */
    public static QualifiedName parse(String text, Identifier defaultSchema) {
        if (text == null || text.isBlank()) {
            throw new ConfigException("a table or type name is missing");
        }
        int dot = splitPoint(text.strip());
        if (dot < 0) {
            return new QualifiedName(defaultSchema, Identifier.parse(text));
        }
        String t = text.strip();
        return new QualifiedName(Identifier.parse(t.substring(0, dot)), Identifier.parse(t.substring(dot + 1)));
    }

    /** The position of the dot between schema and name, outside quotes; -1 when unqualified. */
    private static int splitPoint(String t) {
        boolean quoted = false;
        int found = -1;
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (c == '.' && !quoted) {
                if (found >= 0) {
                    throw new ConfigException("'" + t + "' has more than one dot: write schema.name");
                }
                found = i;
            }
        }
        return found;
    }

    public String sql() {
        return schema.sql() + "." + name.sql();
    }

    @Override
    public String toString() {
        return schema + "." + name;
    }
}
