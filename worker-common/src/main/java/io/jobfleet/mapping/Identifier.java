package io.jobfleet.mapping;

import io.jobfleet.config.ConfigException;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * One PostgreSQL identifier (a schema, table, column or type name) as it is stored in the catalog,
 * and its always-quoted SQL form. Written in a mapping either plain ({@code requirement_status},
 * folded to lower case as PostgreSQL does) or double-quoted ({@code "requirementStatus"}, kept as
 * written). Anything else is refused, so no unchecked text ever reaches a statement.
 */
public record Identifier(String name) {
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z_][A-Za-z0-9_$]*");
    private static final int MAX_BYTES = 63;

    public Identifier {
        if (name == null || name.isEmpty()) {
            throw new ConfigException("an identifier must not be empty");
        }
        if (name.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            throw new ConfigException("identifier \"" + name + "\" is longer than PostgreSQL's " + MAX_BYTES + " bytes");
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '"' || Character.isISOControl(c)) {
                throw new ConfigException("identifier " + printable(name) + " holds a double quote or a control "
                        + "character; such names are not supported");
            }
        }
    }

    /** Parses one identifier as written in a mapping: plain (folded to lower case) or double-quoted. */
    public static Identifier parse(String text) {
        if (text == null) {
            throw new ConfigException("an identifier is missing");
        }
        String t = text.strip();
        if (t.length() >= 2 && t.startsWith("\"") && t.endsWith("\"")) {
            return new Identifier(t.substring(1, t.length() - 1));
        }
        if (!PLAIN.matcher(t).matches()) {
            throw new ConfigException("'" + printable(text) + "' is not a valid identifier: use letters, digits and _ "
                    + "(not starting with a digit), or a double-quoted name such as \"requirementStatus\"");
        }
        return new Identifier(t.toLowerCase(java.util.Locale.ROOT));
    }

    /** The quoted SQL form; safe in any statement because the name holds no double quote. */
    public String sql() {
        return '"' + name + '"';
    }

    /** How a problem message names it: as written in SQL when it needs quotes, plain otherwise. */
    @Override
    public String toString() {
        return PLAIN.matcher(name).matches() && name.equals(name.toLowerCase(java.util.Locale.ROOT)) ? name : sql();
    }

    private static String printable(String s) {
        return s.replaceAll("\\p{Cntrl}", "?");
    }
}
