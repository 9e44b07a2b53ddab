package io.jobfleet.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jobfleet.db.FlowControlSql.KeyRule;
import io.jobfleet.db.FlowControlSql.Limit;
import io.jobfleet.db.FlowControlSql.RateLimit;
import io.jobfleet.db.FlowControlSql.Pause;
import java.io.PrintWriter;
import java.time.Duration;
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

    /** {@code one at a time per key, in enqueue order} or {@code at most 2 running per key}. */
    static String keyRule(int maxPerKey, boolean ordered) {
        return ordered ? "one at a time per key, in enqueue order" : "at most " + maxPerKey + " running per key";
    }

    /** A rate's figure without a needless {@code .0}. */
    static String number(double d) {
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : String.format("%.3g", d);
    }

    /** A claim bucket's target ({@code queue:ai:ai.generate} reads as the kind of the queue). */
    static String rateTarget(String bucket) {
        String rest = bucket.startsWith("queue:") ? bucket.substring("queue:".length()) : bucket;
        int colon = rest.indexOf(':');
        return colon < 0 ? target(rest, null) : target(rest.substring(0, colon), rest.substring(colon + 1));
    }

    /** The key rule and claim rate lines of {@code limit list} and {@code stats}. */
    static void printKeysAndRates(PrintWriter out, List<KeyRule> rules, List<RateLimit> rates) {
        for (KeyRule r : rules) {
            out.printf("keyed: %s %s%s (%s with jobs, busiest running %d)%n", target(r.queue(), r.kind()),
                    keyRule(r.maxPerKey(), r.ordered()), r.keyField() == null ? "" : ", key from payload field " + r.keyField(),
                    HumanFormat.count(r.activeKeys(), "key"), r.busiestRunning());
        }
        for (RateLimit r : rates) {
            String per = HumanFormat.duration(Duration.ofNanos((long) (r.perSeconds() * 1e9)));
            String what = r.name().startsWith("queue:")
                    ? rateTarget(r.name()) + " at most " + number(r.permits()) + " started per " + per
                    : r.name() + " " + number(r.permits()) + " per " + per;
            out.printf("rate: %s, burst %s (%s tokens now)%n", what, number(r.burst()), number(Math.floor(r.tokens())));
        }
    }

    static ArrayNode keyRulesJson(List<KeyRule> rules) {
        ArrayNode a = JsonOutput.array();
        for (KeyRule r : rules) {
            ObjectNode n = a.addObject();
            n.put("queue", r.queue());
            n.put("kind", r.kind());
            n.put("max_per_key", r.maxPerKey());
            n.put("ordered", r.ordered());
            n.put("key_field", r.keyField());
            n.put("active_keys", r.activeKeys());
            n.put("busiest_running", r.busiestRunning());
            n.put("set_by", r.setBy());
            JsonOutput.putTime(n, "set_at", r.setAt());
        }
        return a;
    }

    static ArrayNode ratesJson(List<RateLimit> rates) {
        ArrayNode a = JsonOutput.array();
        for (RateLimit r : rates) {
            ObjectNode n = a.addObject();
            n.put("name", r.name());
            n.put("permits", r.permits());
            n.put("per_seconds", r.perSeconds());
            n.put("burst", r.burst());
            n.put("tokens", r.tokens());
            n.put("set_by", r.setBy());
            JsonOutput.putTime(n, "set_at", r.setAt());
        }
        return a;
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
