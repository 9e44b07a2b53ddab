package io.jobfleet.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jobfleet.db.FlowControlSql.Limit;
import io.jobfleet.db.FlowControlSql.Pause;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.List;

/** How pauses and caps read in the commands' text and JSON. */
final class FlowView {
    private FlowView() {
    }

    /** A --kind flag's value: blank (an empty env var) means none. */
    static String kind(String flag) {
        return flag == null || flag.isBlank() ? null : flag.strip();
    }

    /** {@code queue ai} or {@code kind ai.generate of queue ai}. */
    static String target(String queue, String kind) {
        return kind == null ? "queue " + queue : "kind " + kind + " of queue " + queue;
    }

    static String until(Instant until) {
        return until == null ? "until resumed" : "until " + HumanFormat.time(until);
    }

    /** One line per pause, for stats. */
    static String line(Pause p) {
        return "paused: " + target(p.queue(), p.kind()) + " " + (p.expired() ? "(expired " + HumanFormat.time(p.until())
                + ", no longer holding jobs)" : until(p.until())) + " by " + p.pausedBy() + " since "
                + HumanFormat.time(p.pausedAt()) + ": " + p.reason();
    }

    /** The pause and cap lines under the stats table; nothing when there are none. */
    static void print(PrintWriter out, List<Pause> pauses, List<Limit> limits) {
        for (Pause p : pauses) {
            out.println(line(p) + (p.expired() ? "" : " (" + HumanFormat.count(p.pending(), "due job") + " held)"));
        }
        for (Limit l : limits) {
            out.printf("capped: %s at %d running fleet-wide (%d running now)%n", target(l.queue(), l.kind()),
                    l.maxRunning(), l.running());
        }
    }

    static ArrayNode pausesJson(List<Pause> pauses) {
        ArrayNode a = JsonOutput.array();
        for (Pause p : pauses) {
            ObjectNode n = a.addObject();
            n.put("queue", p.queue());
            n.put("kind", p.kind());
            n.put("reason", p.reason());
            n.put("paused_by", p.pausedBy());
            JsonOutput.putTime(n, "paused_at", p.pausedAt());
            JsonOutput.putTime(n, "until", p.until());
            n.put("expired", p.expired());
            n.put("pending", p.pending());
        }
        return a;
    }

    static ArrayNode limitsJson(List<Limit> limits) {
        ArrayNode a = JsonOutput.array();
        for (Limit l : limits) {
            ObjectNode n = a.addObject();
            n.put("queue", l.queue());
            n.put("kind", l.kind());
            n.put("max_running", l.maxRunning());
            n.put("running", l.running());
            n.put("set_by", l.setBy());
            JsonOutput.putTime(n, "set_at", l.setAt());
        }
        return a;
    }
}
