package io.jobfleet.mapping;

import io.jobfleet.config.ConfigException;
import java.util.Arrays;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The type of an app table's id column. Payload ids are opaque (a JSON number or string) and
 * bound as text, cast to this type in the statement.
 */
public enum IdType {
    BIGINT("bigint", Pattern.compile("[1-9][0-9]{0,17}"), "a positive integer"),
    INTEGER("integer", Pattern.compile("[1-9][0-9]{0,8}"), "a positive integer"),
    UUID("uuid", Pattern.compile("[0-9a-fA-F]{8}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{12}"),
            "a UUID"),
    TEXT("text", Pattern.compile("\\S(?s:.{0,254})"), "a non-blank id of at most 255 characters");

    private final String sql;
    private final Pattern valid;
    private final String description;

    IdType(String sql, Pattern valid, String description) {
        this.sql = sql;
        this.valid = valid;
        this.description = description;
    }

    public static IdType parse(String text) {
        String t = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(v -> v.sql.equals(t) || (v == INTEGER && t.equals("int"))).findFirst()
                .orElseThrow(() -> new ConfigException("id type '" + text + "' is not one of bigint, integer, uuid, text"));
    }

    /** The SQL type name used in casts. */
    public String sql() {
        return sql;
    }

    public boolean accepts(String id) {
        return id != null && valid.matcher(id).matches();
    }

    /** What a valid id of this type is, for a payload error: "a positive integer". */
    public String description() {
        return description;
    }

    /** True when a column of catalog type {@code typeName} (pg_type.typname) holds ids of this type. */
    boolean matches(String typeName, String category) {
        return switch (this) {
            case BIGINT -> typeName.equals("int8");
            case INTEGER -> typeName.equals("int4");
            case UUID -> typeName.equals("uuid");
            case TEXT -> "S".equals(category);
        };
    }

    @Override
    public String toString() {
        return sql;
    }
}
