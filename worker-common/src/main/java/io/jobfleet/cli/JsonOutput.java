package io.jobfleet.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jobfleet.engine.Payloads;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Collection;

/** The {@code --json} output of the operator tools: one pretty-printed document on stdout. */
final class JsonOutput {
    private JsonOutput() {
    }

    static ObjectNode object() {
        return Payloads.mapper().createObjectNode();
    }

    static ArrayNode array() {
        return Payloads.mapper().createArrayNode();
    }

    static ArrayNode longs(Collection<Long> values) {
        ArrayNode a = array();
        values.forEach(a::add);
        return a;
    }

    static ArrayNode strings(Collection<String> values) {
        ArrayNode a = array();
        values.forEach(a::add);
        return a;
    }

    /** Puts an instant as ISO-8601 text, or null. */
    static void putTime(ObjectNode n, String field, Instant t) {
        if (t == null) {
            n.putNull(field);
        } else {
            n.put(field, t.toString());
        }
    }

    static void print(PrintWriter out, JsonNode node) {
        try {
            out.println(Payloads.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(node));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
