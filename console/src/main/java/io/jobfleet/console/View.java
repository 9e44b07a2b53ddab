package io.jobfleet.console;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.jobfleet.support.Json;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;

/**
 * What a principal may see of a job's JSON: secret fields masked for everyone, at any depth;
 * payloads and results hidden from viewers unless the console allows them.
 */
final class View {
    static final String MASK = "•••";

    private final ConsoleConfig config;

    View(ConsoleConfig config) {
        this.config = config;
    }

    ConsoleConfig config() {
        return config;
    }

    boolean seesPayloads(Principal p) {
        return p.role() == Role.OPERATOR || config.viewerSeesPayloads();
    }

    /** {@code node} pretty-printed with its secret fields masked. */
    String json(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return "";
        }
        JsonNode copy = node.deepCopy();
        mask(copy);
        try {
            return Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(copy);
        } catch (JsonProcessingException e) {
            return copy.toString();
        }
    }

    private void mask(JsonNode node) {
        if (node instanceof ObjectNode o) {
            Iterator<Map.Entry<String, JsonNode>> it = o.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                if (config.secretFields().contains(e.getKey().toLowerCase(Locale.ROOT))) {
                    e.setValue(TextNode.valueOf(MASK));
                } else {
                    mask(e.getValue());
                }
            }
        } else if (node instanceof ArrayNode a) {
            a.forEach(this::mask);
        }
    }

    /** Whether a payload filter may name this field: not a secret one (its values would leak through the matches). */
    boolean filterable(String field) {
        return !config.secretFields().contains(field.toLowerCase(Locale.ROOT));
    }
}
