package io.jobfleet.bridge;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.jobfleet.config.ConfigException;
import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One bridge from an app's queue table, as written in its YAML file (docs/bridges.md has the
 * reference). Column names are exact (case-sensitive) names; the table is written as in SQL
 * ({@code app.jobs}, {@code "app"."Job"}). Validated on construction with messages that say what
 * to change; the database checks (columns exist, enum labels) come at install.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record BridgeConfig(String name, String table, String id, Status status, Kind kind, String queue,
                           Map<String, String> queues, Payload payload, Columns columns,
                           Integer timeoutSeconds, String timeZone) {
    public static final String DEFAULT_ID = "id";
    public static final String DEFAULT_TIME_ZONE = "UTC";
    public static final int DEFAULT_MAX_ATTEMPTS = 3;
    public static final int DEFAULT_TIMEOUT_SECONDS = 300;

    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]{0,39}");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The app's status words for each job state; {@code cancelled} is optional. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Status(String column, String pending, String running, String completed, String failed,
                         String cancelled) {
    }

    /** The job kind: from a column's value ({@code values}) or one {@code fixed} kind. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Kind(String column, Map<String, String> values, String fixed) {
    }

    /** The job payload: the app's JSON column with keys renamed, and/or keys taken from columns. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Payload(String column, Map<String, String> rename, Map<String, String> columns) {
    }

    /**
     * Optional columns of the app's row: read at enqueue ({@code traceparent}: the W3C trace
     * context of the request that made the row), or written when the job changes.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Columns(String priority, String scheduledAt, String maxAttempts, String attempts, String result,
                          String error, String startedAt, String completedAt, String updatedAt, String traceparent) {
    }

    public BridgeConfig {
        String where = "bridge " + (name == null ? "(no name)" : "\"" + name + "\"");
        if (name == null || !NAME.matcher(name).matches()) {
            throw new ConfigException("bridge name must be lower case letters, digits and _ (at most 40, "
                    + "starting with a letter), got: " + name);
        }
        List<String> parts = SqlText.parseQualifiedName(table);
        if (parts.size() != 2) {
            throw new ConfigException(where + ": table must be schema-qualified (e.g. public.jobs or \"app\".\"Job\"), got: " + table);
        }
        id = id == null ? DEFAULT_ID : id;
        SqlText.requireName(id, where + ": id column");
        if (status == null) {
            throw new ConfigException(where + ": status (column and the app's words) is required");
        }
        SqlText.requireName(status.column(), where + ": status.column");
        Set<String> words = new HashSet<>();
        for (String w : new String[] {status.pending(), status.running(), status.completed(), status.failed()}) {
            if (w == null || w.isEmpty()) {
                throw new ConfigException(where + ": status needs the app's words for pending, running, completed "
                        + "and failed (cancelled is optional)");
            }
            words.add(w);
        }
        if (status.cancelled() != null) {
            words.add(status.cancelled());
        }
        if (words.size() != (status.cancelled() == null ? 4 : 5)) {
            throw new ConfigException(where + ": the app's status words must all differ");
        }
        if (kind == null || (kind.fixed() == null) == (kind.values() == null || kind.values().isEmpty())) {
            throw new ConfigException(where + ": kind needs either fixed (one kind) or column and values "
                    + "(the column's value -> kind)");
        }
        if (kind.values() != null) {
            SqlText.requireName(kind.column(), where + ": kind.column");
            kind.values().forEach((value, k) -> requireText(k, where + ": kind for value " + value));
        } else {
            requireText(kind.fixed(), where + ": kind.fixed");
        }
        queues = queues == null ? Map.of() : Map.copyOf(queues);
        queues.forEach((k, q) -> requireText(q, where + ": queue of kind " + k));
        if (queue == null && !kindsOf(kind).stream().allMatch(queues::containsKey)) {
            throw new ConfigException(where + ": queue is required (or a queues entry for every kind)");
        }
        if (queue != null) {
            requireText(queue, where + ": queue");
        }
        if (payload != null) {
            if (payload.column() != null) {
                SqlText.requireName(payload.column(), where + ": payload.column");
            } else if (payload.rename() != null && !payload.rename().isEmpty()) {
                throw new ConfigException(where + ": payload.rename needs payload.column");
            }
            if (payload.columns() != null) {
                payload.columns().values().forEach(c -> SqlText.requireName(c, where + ": payload.columns"));
            }
        }
        if (columns == null) {
            columns = new Columns(null, null, null, null, null, null, null, null, null, null);
        }
        if (timeoutSeconds != null && timeoutSeconds < 1) {
            throw new ConfigException(where + ": timeoutSeconds must be at least 1, got " + timeoutSeconds);
        }
        timeZone = timeZone == null ? DEFAULT_TIME_ZONE : timeZone;
    }

    /** Reads and validates a bridge file. */
    public static BridgeConfig read(Path file) {
        return read(file, null);
    }

    /**
     * Reads and validates a bridge file whose {@code table} may be unqualified: it is then in
     * {@code appSchema} (the command's {@code --app-schema}); null: it must be qualified.
     */
    public static BridgeConfig read(Path file, String appSchema) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new ConfigException("cannot read bridge file " + file + ": " + e.getMessage());
        }
        try {
            return parse(text, appSchema);
        } catch (ConfigException e) {
            throw new ConfigException(file + ": " + e.getMessage());
        }
    }

    /** Parses YAML (or JSON) text, e.g. the copy stored in {@code jobfleet.bridges}. */
    public static BridgeConfig parse(String text) {
        return parse(text, null);
    }

    private static BridgeConfig parse(String text, String appSchema) {
        try {
            JsonNode tree = YAML.readTree(text);
            if (tree == null || !tree.isObject()) {
                throw new ConfigException("a bridge file is a YAML mapping (name: ..., table: ..., ...)");
            }
            checkKeys(tree, BridgeConfig.class, "");
            JsonNode table = tree.get("table");
            if (appSchema != null && table != null && table.isTextual()
                    && SqlText.parseQualifiedName(table.asText()).size() == 1) {
                ((com.fasterxml.jackson.databind.node.ObjectNode) tree).put("table",
                        "\"" + appSchema.replace("\"", "\"\"") + "\"." + table.asText());
            }
            return YAML.treeToValue(tree, BridgeConfig.class);
        } catch (JsonProcessingException e) {
            Throwable cause = e.getCause() instanceof ConfigException ce ? ce : e;
            throw new ConfigException(cause.getMessage().replaceAll("\\s*\\(through reference chain.*", ""));
        }
    }

    /** Unknown settings (typos) are named before anything else is checked. */
    private static void checkKeys(JsonNode node, Class<?> type, String path) {
        Map<String, RecordComponent> known = new LinkedHashMap<>();
        for (RecordComponent c : type.getRecordComponents()) {
            known.put(c.getName(), c);
        }
        node.fieldNames().forEachRemaining(field -> {
            RecordComponent c = known.get(field);
            if (c == null) {
                throw new ConfigException("unknown setting " + path + field + " (known here: "
                        + String.join(", ", known.keySet()) + ")");
            }
            if (c.getType().isRecord() && node.get(field).isObject()) {
                checkKeys(node.get(field), c.getType(), path + field + ".");
            }
        });
    }

    public String toJson() {
        try {
            return JSON.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** This bridge on another table (the same columns), e.g. the same app in another schema. */
    public BridgeConfig withTable(String newTable) {
        return new BridgeConfig(name, newTable, id, status, kind, queue, queues, payload, columns, timeoutSeconds, timeZone);
    }

    public String schemaName() {
        return SqlText.parseQualifiedName(table).get(0);
    }

    public String tableName() {
        return SqlText.parseQualifiedName(table).get(1);
    }

    /** Every kind this bridge enqueues. */
    public List<String> kinds() {
        return kindsOf(kind);
    }

    private static List<String> kindsOf(Kind kind) {
        return kind.fixed() != null ? List.of(kind.fixed()) : List.copyOf(new LinkedHashMap<>(kind.values()).values());
    }

    /** The queue of {@code kindName}. */
    public String queueOf(String kindName) {
        return queues.getOrDefault(kindName, queue);
    }

    private static void requireText(String s, String what) {
        if (s == null || s.isBlank()) {
            throw new ConfigException(what + " is empty");
        }
    }
}
