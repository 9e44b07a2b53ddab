package io.jobfleet.mapping;

/** What a family stores in a column; each kind accepts a few catalog types. */
public enum ColumnKind {
    TEXT("text (or varchar)"),
    /**
     * A word the family only reads, such as a source's kind or a message's sender: text, or the
     * app's enum (Prisma's {@code enum SourceKind}), whose label is read as text. Never compared
     * with a bound value or written, which an enum would refuse.
     */
    LABEL("text (or varchar, or an enum)"),
    BYTES("bytea"),
    TIMESTAMP("timestamptz (or timestamp)"),
    DATE("date (or timestamp)"),
    INTEGER("integer (or bigint, smallint)"),
    NUMERIC("numeric (or another number type)"),
    JSON("jsonb (or json)"),
    /** The id of another mapped table (a foreign key): its id type. */
    REFERENCE("the referenced table's id type");

    private final String description;

    ColumnKind(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }

    boolean matches(String typeName, String category) {
        return switch (this) {
            case TEXT -> "S".equals(category);
            case LABEL -> "S".equals(category) || "E".equals(category);
            case BYTES -> typeName.equals("bytea");
            case TIMESTAMP -> typeName.equals("timestamptz") || typeName.equals("timestamp");
            case DATE -> typeName.equals("date") || typeName.equals("timestamptz") || typeName.equals("timestamp");
            case INTEGER -> typeName.equals("int4") || typeName.equals("int8") || typeName.equals("int2");
            case NUMERIC -> "N".equals(category);
            case JSON -> typeName.equals("jsonb") || typeName.equals("json");
            case REFERENCE -> false; // checked against the referenced table's id type
        };
    }
}
