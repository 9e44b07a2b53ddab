package io.jobfleet.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jobfleet.db.QueueStats;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;

/** The stats of some queues as a table or as JSON; shared by {@code stats} and {@code diagnose}. */
final class StatsView {
    private StatsView() {
    }

    static void print(PrintWriter out, List<QueueStats> queues, Duration window, String indent) {
        if (queues.isEmpty()) {
            out.println(indent + "no jobs");
            return;
        }
        TextTable t = new TextTable("QUEUE", "DUE", "LATER", "RUNNING", "DONE%", "COMPLETED", "FAILED", "CANCELLED",
                "LAG", "AVG", "P95", "FAIL%", "PER MIN");
        for (QueueStats q : queues) {
            t.row(q.queue(), q.due(), q.scheduled(), q.running(), HumanFormat.percent(q.meanProgress()), q.completed(),
                    q.failed(), q.cancelled(),
                    HumanFormat.seconds(q.lagSeconds()), HumanFormat.seconds(q.avgSeconds()),
                    HumanFormat.seconds(q.p95Seconds()), HumanFormat.percent(q.failureRate()),
                    HumanFormat.rate(q.throughputPerMinute(window)));
        }
        t.print(out, indent);
    }

    static ArrayNode json(List<QueueStats> queues, Duration window) {
        ArrayNode a = JsonOutput.array();
        for (QueueStats q : queues) {
            ObjectNode n = a.addObject();
            n.put("queue", q.queue());
            ObjectNode counts = n.putObject("counts");
            counts.put("pending", q.pending());
            counts.put("due", q.due());
            counts.put("scheduled", q.scheduled());
            counts.put("running", q.running());
            counts.put("completed", q.completed());
            counts.put("failed", q.failed());
            counts.put("cancelled", q.cancelled());
            n.put("lag_seconds", q.lagSeconds());
            ObjectNode progress = n.putObject("progress");
            progress.put("running_with_progress", q.runningWithProgress());
            progress.put("mean_fraction", q.meanProgress());
            ObjectNode w = n.putObject("window");
            w.put("seconds", window.toSeconds());
            w.put("completed", q.completedInWindow());
            w.put("failed", q.failedInWindow());
            w.put("avg_duration_seconds", q.avgSeconds());
            w.put("p95_duration_seconds", q.p95Seconds());
            w.put("failure_rate", q.failureRate());
            w.put("throughput_per_minute", q.throughputPerMinute(window));
        }
        return a;
    }
}
