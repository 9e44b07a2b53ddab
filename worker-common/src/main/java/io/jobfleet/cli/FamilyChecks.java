package io.jobfleet.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import io.jobfleet.db.Database;
import io.jobfleet.family.FamilyCheck;
import io.jobfleet.family.WorkerFamily;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * The families' own checks of their app tables ({@link WorkerFamily#checks}), read once for
 * {@code diagnose} (findings) and {@code stats} (a section). A family whose tables cannot be read
 * gives a notice, never a failed command.
 */
record FamilyChecks(List<FamilyCheck> checks, List<String> unreadable) {

    static FamilyChecks load(List<WorkerFamily> families, Database db, String queue) {
        List<FamilyCheck> checks = new ArrayList<>();
        List<String> unreadable = new ArrayList<>();
        for (WorkerFamily f : families) {
            if (queue != null && !queue.equals(f.queue())) {
                continue;
            }
            try {
                checks.addAll(f.checks(db));
            } catch (RuntimeException e) {
                unreadable.add(f.name() + ": " + JobfleetCli.message(e));
            }
        }
        return new FamilyChecks(List.copyOf(checks), List.copyOf(unreadable));
    }

    List<Finding> findings() {
        List<Finding> out = new ArrayList<>();
        for (FamilyCheck c : checks) {
            if (c.pastThreshold()) {
                out.add(Finding.problem(c.code(), c.family() + ": " + c.count() + " " + c.label()
                        + (c.threshold() > 0 ? " (alert above " + c.threshold() + ")" : "") + ": " + c.advice()));
            }
        }
        for (String u : unreadable) {
            out.add(Finding.notice("family_tables_unreadable", "could not read the app tables of " + u));
        }
        return out;
    }

    void print(PrintWriter out) {
        if (checks.isEmpty() && unreadable.isEmpty()) {
            return;
        }
        out.printf("%napp tables%n");
        for (FamilyCheck c : checks) {
            out.printf("  %-10s %-44s %6d%s%n", c.family(), c.label(), c.count(),
                    c.pastThreshold() ? "  past the alert threshold " + c.threshold() : "");
        }
        unreadable.forEach(u -> out.printf("  unreadable: %s%n", u));
    }

    ArrayNode json() {
        ArrayNode a = JsonOutput.object().arrayNode();
        for (FamilyCheck c : checks) {
            a.addObject().put("family", c.family()).put("code", c.code()).put("label", c.label()).put("count", c.count())
                    .put("threshold", c.threshold()).put("past_threshold", c.pastThreshold());
        }
        return a;
    }
}
