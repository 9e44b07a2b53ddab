package io.jobfleet.cli;

import io.jobfleet.config.DurationConverter;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jobfleet.db.Database;
import io.jobfleet.db.StuckJob;
import io.jobfleet.db.UnlockSql;
import io.jobfleet.db.UnlockSql.Unlocked;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code unlock}: running jobs whose lease ran out back to pending (or failed), by hand. */
@Command(name = "unlock", mixinStandardHelpOptions = true,
        description = {"Take back jobs stuck in running with an expired lease (or none): to pending for another "
                + "attempt, or to failed when their attempts are spent (--force resets the attempts of those to 0 "
                + "so they go to pending too). The attempt counts as failed, with error class 'unlocked'. A job "
                + "unlocked to failed gets its family's failure writes from a worker of its kind.",
                "A live worker does this by itself within lease + rescue interval; use it when none runs.",
                "Dry run by default: it lists exactly the jobs --execute would change.",
                "Exits 7 when a job named with --id could not be unlocked."})
public final class UnlockCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    DbOptions db;

    @Option(names = "--queue", paramLabel = "QUEUE", description = "Only jobs of this queue.")
    String queue;

    @Option(names = "--kind", paramLabel = "KIND", description = "Only jobs of this kind.")
    String kind;

    @Option(names = "--id", paramLabel = "ID", split = ",", description = "Only these jobs (repeat or comma-separate).")
    List<Long> ids = new ArrayList<>();

    @Option(names = "--older-than", paramLabel = "DURATION", defaultValue = "0s", converter = DurationConverter.class,
            description = "Only jobs whose lease expired at least this long ago (default ${DEFAULT-VALUE}).")
    Duration olderThan;

    @ArgGroup(exclusive = true)
    Mode mode = new Mode();

    @Option(names = "--force", description = "Reset the attempts of jobs that spent them, so they go to pending.")
    boolean force;

    @Option(names = "--json", description = "Print JSON.")
    boolean json;

    static final class Mode {
        @Option(names = "--dry-run", description = "List the jobs that would be unlocked; change nothing (default).")
        boolean dryRun;

        @Option(names = "--execute", description = "Unlock them.")
        boolean execute;
    }

    @Override
    public Integer call() {
        if (olderThan.isNegative()) {
            throw new CommandFailure(ExitCodes.USAGE, "--older-than must not be negative");
        }
        UnlockSql.Filter filter = new UnlockSql.Filter(queue, kind, ids, olderThan);
        PrintWriter out = spec.commandLine().getOut();
        Set<Long> matched = new TreeSet<>();
        try (Database database = Database.open(db.toConfig(2), "jobfleet-unlock")) {
            if (mode.execute) {
                List<Unlocked> done;
                try (ProgressBar bar = ProgressBar.on(spec.commandLine().getErr(), "unlocking")) {
                    done = database.admin().unlock().execute(filter, force, operator(), bar);
                }
                done.forEach(u -> matched.add(u.id()));
                printExecuted(out, done);
            } else {
                List<StuckJob> rows = database.admin().unlock().preview(filter);
                rows.forEach(j -> matched.add(j.id()));
                printPreview(out, rows);
            }
        }
        List<Long> missed = ids.stream().filter(id -> !matched.contains(id)).distinct().toList();
        if (!missed.isEmpty()) {
            spec.commandLine().getErr().println("not unlockable (not running with an expired lease, or filtered out): "
                    + missed);
            return ExitCodes.CONFLICT;
        }
        return ExitCodes.OK;
    }

    private void printPreview(PrintWriter out, List<StuckJob> rows) {
        if (json) {
            ObjectNode n = JsonOutput.object().put("dry_run", true).put("count", rows.size());
            ArrayNode jobs = n.putArray("jobs");
            rows.forEach(j -> jobs.add(jobJson(j).put("to", target(j))));
            JsonOutput.print(out, n);
            return;
        }
        if (rows.isEmpty()) {
            out.println("no job to unlock: none is running with an expired lease" + (filtered() ? " (with these filters)" : ""));
            return;
        }
        out.printf("would unlock %s (dry run; run again with --execute to change them):%n",
                HumanFormat.count(rows.size(), "job"));
        TextTable t = new TextTable("ID", "QUEUE", "KIND", "ATTEMPT", "WORKER", "LEASE EXPIRED", "BECOMES");
        for (StuckJob j : rows) {
            t.row(j.id(), j.queue(), j.kind(), j.attempts() + "/" + j.maxAttempts(), j.lockedBy(),
                    j.leaseUntil() == null ? "no lease" : HumanFormat.seconds(j.overdueSeconds()) + " ago", target(j));
        }
        t.print(out, "  ");
    }

    private void printExecuted(PrintWriter out, List<Unlocked> done) {
        if (json) {
            ObjectNode n = JsonOutput.object().put("dry_run", false).put("count", done.size());
            ArrayNode jobs = n.putArray("jobs");
            for (Unlocked u : done) {
                jobs.addObject().put("id", u.id()).put("queue", u.queue()).put("kind", u.kind())
                        .put("status", u.status()).put("attempts", u.attempts());
            }
            JsonOutput.print(out, n);
            return;
        }
        if (done.isEmpty()) {
            out.println("no job unlocked: none is running with an expired lease" + (filtered() ? " (with these filters)" : ""));
            return;
        }
        out.printf("unlocked %s:%n", HumanFormat.count(done.size(), "job"));
        TextTable t = new TextTable("ID", "QUEUE", "KIND", "STATUS", "ATTEMPTS");
        done.forEach(u -> t.row(u.id(), u.queue(), u.kind(), u.status(), u.attempts()));
        t.print(out, "  ");
    }

    private String target(StuckJob j) {
        if (!j.attemptsSpent()) {
            return "pending";
        }
        return force ? "pending (attempts reset)" : "failed (attempts spent)";
    }

    private boolean filtered() {
        return queue != null || kind != null || !ids.isEmpty() || !olderThan.isZero();
    }

    static ObjectNode jobJson(StuckJob j) {
        ObjectNode n = JsonOutput.object();
        n.put("id", j.id());
        n.put("queue", j.queue());
        n.put("kind", j.kind());
        n.put("attempts", j.attempts());
        n.put("max_attempts", j.maxAttempts());
        n.put("locked_by", j.lockedBy());
        JsonOutput.putTime(n, "lease_until", j.leaseUntil());
        JsonOutput.putTime(n, "started_at", j.startedAt());
        n.put("timeout_seconds", j.timeoutSeconds());
        n.put("overdue_seconds", j.overdueSeconds());
        return n;
    }

    /** Who unlocked, for the errors history: the OS user and host of this command. */
    static String operator() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            host = "unknown-host";
        }
        return "operator " + System.getProperty("user.name", "unknown") + "@" + host;
    }
}
