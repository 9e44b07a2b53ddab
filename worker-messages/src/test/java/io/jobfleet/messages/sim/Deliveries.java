package io.jobfleet.messages.sim;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the simulator delivered: every delivery in order, the count per idempotency key, the keys
 * whose request was cut off after it was accepted, and the deliveries that carry another
 * conversation's marker word ({@code #word}: a conversation's marker is {@code #<conversation id>}).
 */
public final class Deliveries {
    private static final Pattern MARKER = Pattern.compile("#[A-Za-z0-9_-]+");

    /** One message the simulator accepted as a new delivery. */
    public record Delivery(long seq, String id, String key, String conversationId, String to, String body) {
    }

    private final List<Delivery> delivered = new ArrayList<>();
    private final Map<String, Integer> perKey = new LinkedHashMap<>();
    private final Map<String, Delivery> firstByKey = new LinkedHashMap<>();
    private final Set<String> cutOff = new TreeSet<>();
    private final Map<String, Integer> faults = new LinkedHashMap<>();
    private final List<String> leaks = new ArrayList<>();
    private long replays;

    /** The earlier delivery of {@code key}, if any. */
    synchronized Optional<Delivery> first(String key) {
        return Optional.ofNullable(firstByKey.get(key));
    }

    synchronized Delivery deliver(String key, String conversationId, String to, String body) {
        Delivery d = new Delivery(delivered.size() + 1, "SM" + String.format("%032x", delivered.size() + 1L), key,
                conversationId, to, body);
        delivered.add(d);
        perKey.merge(key, 1, Integer::sum);
        firstByKey.putIfAbsent(key, d);
        Matcher m = MARKER.matcher(body == null || conversationId == null ? "" : body);
        Set<String> foreign = new TreeSet<>();
        while (m.find()) {
            if (!m.group().equals("#" + conversationId)) {
                foreign.add(m.group());
            }
        }
        foreign.forEach(marker -> leaks.add(d.id() + ": " + marker + " in a reply of conversation " + conversationId));
        return d;
    }

    synchronized void replayed() {
        replays++;
    }

    synchronized void cutOff(String key) {
        cutOff.add(key);
    }

    synchronized void fault(String kind) {
        faults.merge(kind, 1, Integer::sum);
    }

    public synchronized List<Delivery> delivered() {
        return List.copyOf(delivered);
    }

    public synchronized Map<String, Integer> perKey() {
        return Map.copyOf(perKey);
    }

    public synchronized Set<String> cutOffKeys() {
        return Set.copyOf(cutOff);
    }

    public synchronized List<String> leaks() {
        return List.copyOf(leaks);
    }

    public synchronized Map<String, Integer> faults() {
        return Map.copyOf(faults);
    }

    public synchronized long replays() {
        return replays;
    }

    /** The {@code GET /v1/deliveries} document. */
    synchronized ObjectNode json() {
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode root = f.objectNode();
        ObjectNode keys = root.putObject("per_key");
        perKey.forEach(keys::put);
        ArrayNode list = root.putArray("deliveries");
        for (Delivery d : delivered) {
            list.addObject().put("seq", d.seq()).put("id", d.id()).put("key", d.key())
                    .put("conversation_id", d.conversationId()).put("to", d.to()).put("body", d.body());
        }
        ArrayNode cut = root.putArray("cut_off");
        cutOff.forEach(cut::add);
        ArrayNode leak = root.putArray("leaks");
        leaks.forEach(leak::add);
        ObjectNode fs = root.putObject("faults");
        faults.forEach(fs::put);
        root.put("replays", replays);
        root.put("duplicates", perKey.values().stream().filter(n -> n > 1).count());
        return root;
    }
}
