package io.jobfleet.cli;

import io.jobfleet.config.DurationConverter;
import io.jobfleet.db.Database;
import io.jobfleet.db.PruneSql;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code prune}: deletes old finished jobs in short batches. */
@Command(name = "prune", mixinStandardHelpOptions = true,
        description = {"Delete finished jobs (completed, failed, cancelled) that finished more than --older-than "
                + "ago, in batches of short transactions (row locks only; rows in use are skipped).",
                "Workers do this by themselves with --retention; this is the manual, one-off form."})
public final class PruneCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    DbOptions db;

    @Option(names = "--older-than", required = true, paramLabel = "DURATION", converter = DurationConverter.class,
            description = "Delete jobs that finished longer ago than this, e.g. 7d.")
    Duration olderThan;

    @Option(names = "--status", paramLabel = "STATUS", split = ",",
            description = "Statuses to delete, among completed, failed, cancelled (default: all three).")
    List<String> statuses = new ArrayList<>(List.of("completed", "failed", "cancelled"));

    @Option(names = "--batch", paramLabel = "N", defaultValue = "1000",
            description = "Rows per delete transaction (default ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--dry-run", description = "Only count the jobs that would be deleted.")
    boolean dryRun;

    @Option(names = "--json", description = "Print JSON.")
    boolean json;

    @Override
    public Integer call() {
        if (batch < 1 || batch > 100_000) {
            throw new CommandFailure(ExitCodes.USAGE, "--batch must be between 1 and 100000");
        }
        PruneSql.Filter filter;
        try {
            filter = new PruneSql.Filter(statuses, olderThan);
        } catch (IllegalArgumentException e) {
            throw new CommandFailure(ExitCodes.USAGE, "--status/--older-than: " + e.getMessage());
        }
        PrintWriter out = spec.commandLine().getOut();
        String what = String.join(", ", filter.statuses()) + " jobs older than " + HumanFormat.duration(olderThan);
        try (Database database = Database.open(db.toConfig(2), "jobfleet-prune")) {
            PruneSql sql = database.admin().prune();
            long total = sql.count(filter);
            if (dryRun) {
                print(out, true, total, what);
                return ExitCodes.OK;
            }
            long deleted = 0;
            try (ProgressBar bar = ProgressBar.on(spec.commandLine().getErr(), "pruning")) {
                bar.total(total);
                int n;
                while ((n = sql.deleteBatch(filter, batch)) > 0) {
                    deleted += n;
                    bar.advanced(n);
                }
            }
            print(out, false, deleted, what);
        }
        return ExitCodes.OK;
    }

    private void print(PrintWriter out, boolean preview, long n, String what) {
        if (json) {
            JsonOutput.print(out, JsonOutput.object().put("dry_run", preview).put(preview ? "would_delete" : "deleted", n)
                    .put("older_than_seconds", olderThan.toSeconds()).set("statuses", JsonOutput.strings(statuses)));
        } else {
            out.printf("%s %s: %s%n", preview ? "would delete" : "deleted", HumanFormat.count(n, "job"), what);
        }
    }
}
