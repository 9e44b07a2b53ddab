package io.jobfleet.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jobfleet.db.Database;
import io.jobfleet.db.ScheduleRow;
import io.jobfleet.db.ScheduleSql;
import io.jobfleet.engine.Payloads;
import java.io.PrintWriter;
import java.sql.SQLException;
import java.util.List;
import org.jdbi.v3.core.statement.StatementException;

/** Schedules as a table or as JSON; shared by {@code schedule list} and {@code stats}. */
final class ScheduleView {
    private static final String UNDEFINED_TABLE = "42P01";

    private ScheduleView() {
    }

    /**
     * The schedules (of {@code queue} only when not null); none on a schema older than the
     * schedules table, so {@code stats} and {@code diagnose} still work there.
     */
    static List<ScheduleRow> load(Database database, String queue) {
        try {
            return new ScheduleSql(database).list(null, null).stream()
                    .filter(s -> queue == null || s.queue().equals(queue)).toList();
        } catch (StatementException e) {
            if (e.getCause() instanceof SQLException sql && UNDEFINED_TABLE.equals(sql.getSQLState())) {
                return List.of();
            }
            throw e;
        }
    }

    static void print(PrintWriter out, List<ScheduleRow> schedules, String indent) {
        if (schedules.isEmpty()) {
            out.println(indent + "no schedules");
            return;
        }
        TextTable t = new TextTable("NAME", "CRON", "ZONE", "QUEUE", "KIND", "CATCH-UP", "NEXT RUN", "LAST SLOT",
                "LAST JOB", "PAUSED");
        for (ScheduleRow s : schedules) {
            t.row(s.name(), s.cron(), s.timeZone(), s.queue(), s.kind(),
                    s.catchUp().equals("all") ? "all (max " + s.catchUpMax() + ")" : s.catchUp(),
                    s.paused() ? "-" : HumanFormat.time(s.nextRun()),
                    s.lastSlot() == null ? "-" : HumanFormat.time(s.lastSlot()),
                    s.lastJobId() == null ? "-" : s.lastJobId() + " " + (s.lastJobStatus() == null ? "(pruned)"
                            : s.lastJobStatus()),
                    s.paused() ? "yes" : "no");
        }
        t.print(out, indent);
    }

    static ArrayNode json(List<ScheduleRow> schedules) {
        ArrayNode a = JsonOutput.array();
        for (ScheduleRow s : schedules) {
            ObjectNode n = a.addObject();
            n.put("name", s.name());
            n.put("cron", s.cron());
            n.put("time_zone", s.timeZone());
            n.put("queue", s.queue());
            n.put("kind", s.kind());
            n.set("payload", Payloads.tree(s.payload()));
            n.put("priority", s.priority());
            n.put("max_attempts", s.maxAttempts());
            n.put("timeout_seconds", s.timeoutSeconds());
            n.put("catch_up", s.catchUp());
            n.put("catch_up_max", s.catchUpMax());
            n.put("paused", s.paused());
            JsonOutput.putTime(n, "next_run", s.nextRun());
            JsonOutput.putTime(n, "last_slot", s.lastSlot());
            if (s.lastJobId() == null) {
                n.putNull("last_job_id");
            } else {
                n.put("last_job_id", s.lastJobId());
            }
            n.put("last_job_status", s.lastJobStatus());
        }
        return a;
    }
}
