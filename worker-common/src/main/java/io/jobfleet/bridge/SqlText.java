package io.jobfleet.bridge;

import io.jobfleet.config.ConfigException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Quoting for the SQL a bridge generates: every identifier is double-quoted, every value a string
 * literal, so no text from a bridge file ever reaches the database unquoted.
 */
final class SqlText {
    /** The dollar-quote tag around generated function bodies; no quoted text may contain it. */
    static final String BODY_TAG = "$jobfleet_bridge$";

    private SqlText() {
    }

    /** A quoted identifier: {@code "name"}, with inner double quotes doubled. */
    static String ident(String name) {
        requireName(name, "identifier");
        return "\"" + name.replace("\"", "\"\"") + "\"";
    }

    /** {@code "schema"."name"}. */
    static String qualified(String schema, String name) {
        return ident(schema) + "." + ident(name);
    }

    /**
     * A string literal. Quotes are doubled; text with backslashes becomes an {@code E'...'} literal
     * with the backslashes doubled, which reads the same whatever standard_conforming_strings says.
     */
    static String literal(String value) {
        if (value == null) {
            return "NULL";
        }
        if (value.indexOf('\0') >= 0) {
            throw new ConfigException("text with a NUL character cannot be used in SQL: " + printable(value));
        }
        if (value.indexOf('\\') >= 0) {
            return "E'" + value.replace("\\", "\\\\").replace("'", "''") + "'";
        }
        return "'" + value.replace("'", "''") + "'";
    }

    /** A PL/pgSQL function body in dollar quotes, refused when the body contains the tag. */
    static String body(String text) {
        if (text.contains(BODY_TAG)) {
            throw new ConfigException("a bridge setting contains " + BODY_TAG + ", which cannot be used");
        }
        return BODY_TAG + "\n" + text + BODY_TAG;
    }

    static void requireName(String name, String what) {
        if (name == null || name.isEmpty()) {
            throw new ConfigException("empty " + what);
        }
        if (name.getBytes(StandardCharsets.UTF_8).length > 63) {
            throw new ConfigException(what + " longer than 63 bytes (PostgreSQL would cut it): " + printable(name));
        }
        if (name.indexOf('\0') >= 0) {
            throw new ConfigException(what + " with a NUL character: " + printable(name));
        }
    }

    /**
     * Parses a table name as SQL writes it: {@code app.jobs}, {@code "app"."Job"}, or a mix.
     * Unquoted parts are folded to lower case, as PostgreSQL does; quoted parts are kept exactly.
     * Returns the parts ({@code [schema, table]} for a qualified name).
     */
    static List<String> parseQualifiedName(String text) {
        if (text == null || text.isBlank()) {
            throw new ConfigException("empty table name");
        }
        List<String> parts = new ArrayList<>();
        int i = 0;
        String s = text.strip();
        while (true) {
            StringBuilder part = new StringBuilder();
            if (i < s.length() && s.charAt(i) == '"') {
                i++;
                while (true) {
                    if (i >= s.length()) {
                        throw new ConfigException("unterminated quoted identifier in table name: " + text);
                    }
                    char c = s.charAt(i++);
                    if (c == '"') {
                        if (i < s.length() && s.charAt(i) == '"') {
                            part.append('"');
                            i++;
                        } else {
                            break;
                        }
                    } else {
                        part.append(c);
                    }
                }
            } else {
                int start = i;
                while (i < s.length() && (Character.isLetterOrDigit(s.charAt(i)) || s.charAt(i) == '_' || s.charAt(i) == '$')) {
                    i++;
                }
                if (i == start || Character.isDigit(s.charAt(start)) || s.charAt(start) == '$') {
                    throw new ConfigException("not a valid table name (quote unusual names with \"...\"): " + text);
                }
                part.append(s.substring(start, i).toLowerCase(java.util.Locale.ROOT));
            }
            requireName(part.toString(), "name in table " + text);
            parts.add(part.toString());
            if (i == s.length()) {
                return parts;
            }
            if (s.charAt(i) != '.') {
                throw new ConfigException("not a valid table name (quote unusual names with \"...\"): " + text);
            }
            i++;
        }
    }

    private static String printable(String s) {
        return s.replace("\0", "\\0");
    }
}
