package io.jobfleet.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jobfleet.db.DiagnoseSql.DuplicateGroup;
import io.jobfleet.db.DiagnoseSql.FailureGroup;
import io.jobfleet.db.DiagnoseSql.IdleQueue;
import io.jobfleet.db.DiagnoseSql.Listing;
import io.jobfleet.db.DiagnoseSql.WorkerSeen;
import io.jobfleet.db.Migrations.SchemaState;
import io.jobfleet.db.StuckJob;
import java.io.PrintWriter;
import java.util.List;
import java.util.stream.Collectors;

/** Prints a {@link Diagnosis} and its findings for people, or as one JSON document. */
final class DiagnosisReport {
    private static final String INDENT = "  ";

    private DiagnosisReport() {
    }

    static void print(PrintWriter out, Diagnosis d, List<Finding> findings) {
        SchemaState s = d.schema();
        out.printf("jobfleet diagnose at %s, schema %s version %s%s%n", HumanFormat.time(d.at()), s.schema(),
                s.current() == null ? "(none)" : s.current(), s.upToDate() ? " (current)" : " (this build needs " + s.latest() + ")");
        out.printf("%nQueues (durations, failures and throughput over the last %s)%n",
                HumanFormat.duration(d.options().window()));
        StatsView.print(out, d.stats(), d.options().window(), INDENT);
        stuck(out, "Running past their lease", d.expiredLeases(), "EXPIRED FOR");
        stuck(out, "Running past their timeout", d.pastTimeout(), "OVER TIMEOUT BY");
        failures(out, d);
        duplicates(out, d.duplicates());
        workers(out, d);
        idle(out, d.idleQueues());
        out.printf("%nSchedules: %d%n", d.schedules().size());
        if (!d.schedules().isEmpty()) {
            ScheduleView.print(out, d.schedules(), INDENT);
        }
        out.println();
        long problems = findings.stream().filter(Finding::isProblem).count();
        if (findings.isEmpty()) {
            out.println("Healthy: nothing stuck, no failures, every queue with due jobs has workers.");
        } else {
            out.println(problems == 0 ? "Findings (no problems)" : "Findings (" + HumanFormat.count(problems, "problem") + ")");
            for (Finding f : findings) {
                out.printf("%s%-8s %s%n", INDENT, f.severity(), f.message());
            }
        }
    }

    private static void stuck(PrintWriter out, String title, Listing<StuckJob> jobs, String overdueHeader) {
        out.printf("%n%s: %d%n", title, jobs.total());
        if (jobs.rows().isEmpty()) {
            return;
        }
        TextTable t = new TextTable("ID", "QUEUE", "KIND", "ATTEMPT", "WORKER", "STARTED", overdueHeader);
        for (StuckJob j : jobs.rows()) {
            t.row(j.id(), j.queue(), j.kind(), j.attempts() + "/" + j.maxAttempts(), j.lockedBy(),
                    HumanFormat.time(j.startedAt()), HumanFormat.seconds(j.overdueSeconds()));
        }
        t.print(out, INDENT);
        if (jobs.total() > jobs.rows().size()) {
            out.printf("%s... and %d more%n", INDENT, jobs.total() - jobs.rows().size());
        }
    }

    private static void failures(PrintWriter out, Diagnosis d) {
        out.printf("%nFailures in the last %s: %d%n", HumanFormat.duration(d.options().failuresWindow()),
                d.failures().stream().mapToLong(FailureGroup::jobs).sum());
        if (d.failures().isEmpty()) {
            return;
        }
        TextTable t = new TextTable("QUEUE", "ERROR CLASS", "JOBS", "FAILED", "RETRYING", "LAST", "EXAMPLE");
        for (FailureGroup g : d.failures()) {
            String example = g.example() == null ? "" : g.example().lines().findFirst().orElse("");
            t.row(g.queue(), g.errorClass(), g.jobs(), g.failed(), g.retrying(), HumanFormat.time(g.lastAt()),
                    "job " + g.exampleId() + ": " + (example.length() > 100 ? example.substring(0, 97) + "..." : example));
        }
        t.print(out, INDENT);
    }

    private static void duplicates(PrintWriter out, List<DuplicateGroup> groups) {
        out.printf("%nPossible duplicates (same queue, kind and payload pending more than once): %d%n", groups.size());
        if (groups.isEmpty()) {
            return;
        }
        TextTable t = new TextTable("QUEUE", "KIND", "JOBS", "IDS", "PAYLOAD");
        for (DuplicateGroup g : groups) {
            t.row(g.queue(), g.kind(), g.jobs(), g.ids().stream().map(String::valueOf).collect(Collectors.joining(",")),
                    g.payload());
        }
        t.print(out, INDENT);
    }

    private static void workers(PrintWriter out, Diagnosis d) {
        out.printf("%nWorkers seen (holding jobs, or finishing jobs in the last %s): %d%n",
                HumanFormat.duration(d.options().window()), d.workers().size());
        if (d.workers().isEmpty()) {
            return;
        }
        TextTable t = new TextTable("WORKER", "QUEUES", "RUNNING", "LIVE LEASES", "FINISHED", "LAST SEEN");
        for (WorkerSeen w : d.workers()) {
            t.row(w.worker(), String.join(",", w.queues()), w.running(), w.liveLeases(), w.finished(),
                    HumanFormat.time(w.lastSeen()));
        }
        t.print(out, INDENT);
    }

    private static void idle(PrintWriter out, List<IdleQueue> queues) {
        if (queues.isEmpty()) {
            return;
        }
        out.printf("%nQueues with due jobs and no worker activity: %d%n", queues.size());
        TextTable t = new TextTable("QUEUE", "DUE", "OLDEST WAITING");
        for (IdleQueue q : queues) {
            t.row(q.queue(), q.due(), HumanFormat.seconds(q.lagSeconds()));
        }
        t.print(out, INDENT);
    }

    static ObjectNode json(Diagnosis d, List<Finding> findings) {
        ObjectNode n = JsonOutput.object();
        JsonOutput.putTime(n, "at", d.at());
        n.put("healthy", findings.stream().noneMatch(Finding::isProblem));
        ObjectNode schema = n.putObject("schema");
        schema.put("name", d.schema().schema());
        schema.put("version", d.schema().current());
        schema.put("needed", d.schema().latest());
        schema.put("up_to_date", d.schema().upToDate());
        n.put("window_seconds", d.options().window().toSeconds());
        n.put("failures_window_seconds", d.options().failuresWindow().toSeconds());
        n.set("queues", StatsView.json(d.stats(), d.options().window()));
        n.set("expired_leases", stuckJson(d.expiredLeases()));
        n.set("past_timeout", stuckJson(d.pastTimeout()));
        ArrayNode failures = n.putArray("failures");
        for (FailureGroup g : d.failures()) {
            ObjectNode f = failures.addObject();
            f.put("queue", g.queue());
            f.put("error_class", g.errorClass());
            f.put("jobs", g.jobs());
            f.put("failed", g.failed());
            f.put("retrying", g.retrying());
            f.put("example_id", g.exampleId());
            f.put("example", g.example());
            JsonOutput.putTime(f, "last_at", g.lastAt());
        }
        ArrayNode duplicates = n.putArray("duplicates");
        for (DuplicateGroup g : d.duplicates()) {
            ObjectNode f = duplicates.addObject();
            f.put("queue", g.queue());
            f.put("kind", g.kind());
            f.put("jobs", g.jobs());
            f.set("ids", JsonOutput.longs(g.ids()));
            f.put("payload", g.payload());
        }
        ArrayNode workers = n.putArray("workers");
        for (WorkerSeen w : d.workers()) {
            ObjectNode f = workers.addObject();
            f.put("worker", w.worker());
            f.set("queues", JsonOutput.strings(w.queues()));
            f.put("running", w.running());
            f.put("live_leases", w.liveLeases());
            f.put("finished", w.finished());
            JsonOutput.putTime(f, "last_seen", w.lastSeen());
        }
        ArrayNode idle = n.putArray("queues_without_workers");
        for (IdleQueue q : d.idleQueues()) {
            idle.addObject().put("queue", q.queue()).put("due", q.due()).put("lag_seconds", q.lagSeconds());
        }
        n.set("schedules", ScheduleView.json(d.schedules()));
        ObjectNode scans = n.putObject("claim_scan_pages");
        d.claimScanPages().forEach(scans::put);
        ArrayNode f = n.putArray("findings");
        for (Finding x : findings) {
            f.addObject().put("severity", x.severity().name().toLowerCase(java.util.Locale.ROOT))
                    .put("code", x.code()).put("message", x.message());
        }
        return n;
    }

    private static ObjectNode stuckJson(Listing<StuckJob> jobs) {
        ObjectNode n = JsonOutput.object();
        n.put("count", jobs.total());
        ArrayNode rows = n.putArray("jobs");
        for (StuckJob j : jobs.rows()) {
            rows.add(UnlockCommand.jobJson(j));
        }
        return n;
    }
}
