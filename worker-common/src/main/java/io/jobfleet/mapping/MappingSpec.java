package io.jobfleet.mapping;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.jobfleet.config.ConfigException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The app tables of one family: their specs (whose keys and defaults are the reference schema),
 * and how an operator's YAML mapping file is laid over them. The file may override any part and
 * leave the rest; every name in it is validated as an identifier, every key checked against the
 * family's tables, columns and states, so a typo fails at start with its path in the file.
 */
public final class MappingSpec {
    private static final YAMLMapper YAML = new YAMLMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES));
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final String family;
    private final Map<String, TableSpec> tables = new LinkedHashMap<>();
    private final List<FunctionSpec> functions;

    public MappingSpec(String family, List<TableSpec> tables) {
        this(family, tables, List.of());
    }

    /** The tables, and the app's functions the family calls in the schema of one of them. */
    public MappingSpec(String family, List<TableSpec> tables, List<FunctionSpec> functions) {
        this.family = family;
        tables.forEach(t -> this.tables.put(t.key(), t));
        functions.forEach(f -> {
            if (!this.tables.containsKey(f.schemaOfTable())) {
                throw new IllegalArgumentException("function " + f.name() + ": no table " + f.schemaOfTable());
            }
        });
        this.functions = List.copyOf(functions);
    }

    public String family() {
        return family;
    }

    public List<TableSpec> tables() {
        return List.copyOf(tables.values());
    }

    /** The reference schema's mapping, with unqualified tables in {@code appSchema}. */
    public AppMapping defaults(String appSchema) {
        return resolve(null, appSchema);
    }

    /** The mapping of {@code file} laid over the default; null file: the default. */
    public AppMapping load(Path file, String appSchema) {
        if (file == null) {
            return defaults(appSchema);
        }
        JsonNode overrides;
        try {
            overrides = YAML.readTree(Files.readString(file));
        } catch (JsonProcessingException e) {
            throw new ConfigException("app mapping " + file + " is not valid YAML: " + e.getOriginalMessage());
        } catch (java.nio.file.NoSuchFileException e) {
            throw new ConfigException("app mapping file " + file + " does not exist: give the path of the mapping "
                    + "file (--app-mapping / JOBFLEET_APP_MAPPING)");
        } catch (IOException e) {
            throw new ConfigException("cannot read app mapping " + file + ": " + e.getMessage());
        }
        try {
            return resolve(overrides, appSchema);
        } catch (ConfigException e) {
            throw new ConfigException("app mapping " + file + ": " + e.getMessage());
        }
    }

    /** The mapping of a YAML text laid over the default (tests, embedding). */
    public AppMapping fromYaml(String yaml, String appSchema) {
        try {
            return resolve(YAML.readTree(yaml), appSchema);
        } catch (JsonProcessingException e) {
            throw new ConfigException("app mapping is not valid YAML: " + e.getOriginalMessage());
        }
    }

    /** The full default mapping as YAML, as a starting point for a mapping file. */
    public String defaultYaml() {
        try {
            return YAML.writeValueAsString(defaultTree());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    AppMapping resolve(JsonNode overrides, String appSchema) {
        ObjectNode merged = defaultTree();
        if (overrides != null && !overrides.isNull() && !overrides.isMissingNode()) {
            if (!overrides.isObject()) {
                throw new ConfigException("the mapping must be a YAML map with 'tables' (and optionally 'schema')");
            }
            keys(overrides, "", Set.of("schema", "tables"));
            merge(merged, (ObjectNode) overrides, "");
        }
        Identifier schema = Identifier.parse(text(merged.get("schema"), "schema", appSchema));
        Map<String, MappedTable> out = new LinkedHashMap<>();
        JsonNode tablesNode = merged.get("tables");
        keys(tablesNode, "tables", tables.keySet());
        for (TableSpec spec : tables.values()) {
            out.put(spec.key(), table(spec, tablesNode.get(spec.key()), schema, "tables." + spec.key()));
        }
        return new AppMapping(family, out, functions);
    }

    private MappedTable table(TableSpec spec, JsonNode n, Identifier schema, String path) {
        keys(n, path, Set.of("table", "id", "columns", "status"));
        QualifiedName name = at(path + ".table", () -> QualifiedName.parse(text(n.get("table"), path + ".table", null),
                schema));
        JsonNode id = n.get("id");
        keys(id, path + ".id", Set.of("column", "type", "generate"));
        Identifier idColumn = at(path + ".id.column", () -> Identifier.parse(text(id.get("column"), path + ".id.column",
                null)));
        IdType idType = at(path + ".id.type", () -> IdType.parse(text(id.get("type"), path + ".id.type", null)));
        boolean generate = generate(id.get("generate"), idType, path + ".id.generate");
        Map<String, Identifier> columns = new LinkedHashMap<>();
        JsonNode cols = n.get("columns");
        Set<String> plain = new java.util.LinkedHashSet<>(spec.columns().keySet());
        if (spec.status() != null) {
            plain.remove(spec.status().key());
        }
        keys(cols, path + ".columns", plain);
        for (String key : plain) {
            JsonNode c = cols.get(key);
            String p = path + ".columns." + key;
            if (c == null || c.isNull()) {
                if (!spec.columns().get(key).optional()) {
                    throw new ConfigException(p + " is needed and cannot be switched off");
                }
                columns.put(key, null);
            } else {
                columns.put(key, at(p, () -> Identifier.parse(text(c, p, null))));
            }
        }
        MappedTable.Status status = null;
        if (spec.status() != null) {
            JsonNode s = n.get("status");
            String p = path + ".status";
            keys(s, p, Set.of("column", "type", "words"));
            Identifier column = at(p + ".column", () -> Identifier.parse(text(s.get("column"), p + ".column", null)));
            String type = text(s.get("type"), p + ".type", "text");
            QualifiedName enumType = type.strip().equalsIgnoreCase("text") ? null
                    : at(p + ".type", () -> QualifiedName.parse(type, name.schema()));
            JsonNode w = s.get("words");
            keys(w, p + ".words", spec.status().words().keySet());
            Map<String, String> words = new LinkedHashMap<>();
            for (String state : spec.status().words().keySet()) {
                String word = text(w.get(state), p + ".words." + state, null);
                if (word.isBlank() || word.length() > 63) {
                    throw new ConfigException(p + ".words." + state + " must be a word of 1-63 characters");
                }
                words.put(state, word);
            }
            columns.put(spec.status().key(), column);
            status = new MappedTable.Status(column, enumType, words);
        }
        return new MappedTable(spec, name, idColumn, idType, generate, columns, status);
    }

    private static boolean generate(JsonNode n, IdType type, String path) {
        if (n == null || n.isNull() || (n.isBoolean() && !n.asBoolean())) {
            return false;
        }
        if (n.isTextual() && n.asText().equals("uuid") || n.isBoolean()) {
            if (type != IdType.UUID && type != IdType.TEXT) {
                throw new ConfigException(path + ": the worker can make ids of type uuid or text only");
            }
            return true;
        }
        throw new ConfigException(path + " must be 'uuid' (the worker makes ids with gen_random_uuid()) or false");
    }

    private ObjectNode defaultTree() {
        ObjectNode root = NODES.objectNode();
        ObjectNode ts = root.putObject("tables");
        for (TableSpec spec : tables.values()) {
            ObjectNode t = ts.putObject(spec.key());
            t.put("table", spec.key());
            t.putObject("id").put("column", spec.idColumn()).put("type", spec.idType().sql());
            ObjectNode cols = t.putObject("columns");
            spec.columns().keySet().stream()
                    .filter(k -> spec.status() == null || !k.equals(spec.status().key()))
                    .forEach(k -> {
                        if (spec.columns().get(k).offByDefault()) {
                            cols.putNull(k);
                        } else {
                            cols.put(k, k);
                        }
                    });
            if (spec.status() != null) {
                ObjectNode s = t.putObject("status");
                s.put("column", spec.status().key()).put("type", "text");
                ObjectNode w = s.putObject("words");
                spec.status().words().forEach(w::put);
            }
        }
        return root;
    }

    /** Lays {@code over} onto {@code base}: maps merge key by key, anything else replaces. */
    private static void merge(ObjectNode base, ObjectNode over, String path) {
        Iterator<Map.Entry<String, JsonNode>> it = over.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode b = base.get(e.getKey());
            if (b instanceof ObjectNode bo && e.getValue() instanceof ObjectNode vo) {
                merge(bo, vo, path + e.getKey() + ".");
            } else {
                base.set(e.getKey(), e.getValue());
            }
        }
    }

    private static void keys(JsonNode n, String path, Set<String> known) {
        if (n == null || !n.isObject()) {
            throw new ConfigException((path.isEmpty() ? "the mapping" : path) + " must be a map");
        }
        n.fieldNames().forEachRemaining(k -> {
            if (!known.contains(k)) {
                throw new ConfigException((path.isEmpty() ? "" : path + ".") + k + " is unknown; expected one of "
                        + String.join(", ", known));
            }
        });
    }

    private static String text(JsonNode n, String path, String fallback) {
        if (n == null || n.isNull()) {
            if (fallback != null) {
                return fallback;
            }
            throw new ConfigException(path + " is missing");
        }
        if (!n.isValueNode() || n.isBinary()) {
            throw new ConfigException(path + " must be a name, not a " + n.getNodeType().name().toLowerCase());
        }
        return n.asText();
    }

    private static <T> T at(String path, java.util.function.Supplier<T> parse) {
        try {
            return parse.get();
        } catch (ConfigException e) {
            throw new ConfigException(e.getMessage().startsWith(path) ? e.getMessage() : path + ": " + e.getMessage());
        }
    }
}
