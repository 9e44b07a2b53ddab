package io.jobfleet.cli;

import io.jobfleet.config.DurationConverter;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jobfleet.db.Database;
import io.jobfleet.db.JobRow;
import io.jobfleet.db.RetrySql;
import io.jobfleet.db.RetrySql.RetryOne;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code retry ID} and {@code retry --failed}: failed (or cancelled) jobs back to pending. */
@Command(name = "retry", mixinStandardHelpOptions = true,
        description = {"Run a failed or cancelled job again: back to pending, attempts reset to 0, due now.",
                "With --failed, every failed job matching the filters, in batches; a job whose dedup key another "
                + "pending or running job holds is skipped.",
                "Exits 3 when the job does not exist, 7 when it is not failed or cancelled or when another job "
                + "with its dedup key is already pending or running."})
public final class RetryCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    DbOptions db;

    @Parameters(index = "0", arity = "0..1", paramLabel = "ID", description = "The job to retry.")
    Long id;

    @Option(names = "--failed", description = "Retry every failed job matching --queue, --kind and --since.")
    boolean failed;

    @Option(names = "--queue", paramLabel = "QUEUE", description = "With --failed: only this queue.")
    String queue;

    @Option(names = "--kind", paramLabel = "KIND", description = "With --failed: only this kind.")
    String kind;

    @Option(names = "--since", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "With --failed: only jobs that failed within this long, e.g. 2h.")
    Duration since;

    @Option(names = "--batch", paramLabel = "N", defaultValue = "500",
            description = "With --failed: jobs per transaction (default ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--json", description = "Print JSON.")
    boolean json;

    @Override
    public Integer call() {
        if ((id == null) == !failed) {
            throw new CommandFailure(ExitCodes.USAGE, "give either a job ID or --failed");
        }
        if (id != null && (queue != null || kind != null || since != null)) {
            throw new CommandFailure(ExitCodes.USAGE, "--queue, --kind and --since go with --failed, not with an ID");
        }
        if (batch < 1 || batch > 100_000) {
            throw new CommandFailure(ExitCodes.USAGE, "--batch must be between 1 and 100000");
        }
        if (since != null && (since.isNegative() || since.isZero())) {
            throw new CommandFailure(ExitCodes.USAGE, "--since must be positive, e.g. 2h");
        }
        try (Database database = Database.open(db.toConfig(2), "jobfleet-retry")) {
            return id != null ? retryOne(database, id) : retryFailed(database);
        }
    }

    private int retryOne(Database database, long jobId) {
        RetryOne r = database.admin().retry().retry(jobId);
        if (r.dedupHolder().isPresent()) {
            JobRow job = database.queue().find(jobId).orElseThrow();
            long holder = r.dedupHolder().get();
            throw new CommandFailure(ExitCodes.CONFLICT, "job " + jobId + " has dedup key '" + job.dedupKey()
                    + "', which job " + (holder == 0 ? "(unknown)" : holder) + " already holds in queue " + job.queue()
                    + " (pending or running); wait for it or cancel it, then retry");
        }
        if (!r.retried()) {
            JobRow job = database.queue().find(jobId)
                    .orElseThrow(() -> new CommandFailure(ExitCodes.NOT_FOUND, "job " + jobId + " not found"));
            throw new CommandFailure(ExitCodes.CONFLICT, "job " + jobId + " is " + job.status()
                    + "; only failed or cancelled jobs can be retried");
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            JsonOutput.print(out, JsonOutput.object().put("id", jobId).put("status", "pending"));
        } else {
            out.printf("job %d is pending again (attempts reset to 0, due now)%n", jobId);
        }
        return ExitCodes.OK;
    }

    private int retryFailed(Database database) {
        RetrySql sql = database.admin().retry();
        RetrySql.Filter filter = new RetrySql.Filter(queue, kind, since);
        RetrySql.Retried done;
        try (ProgressBar bar = ProgressBar.on(spec.commandLine().getErr(), "retrying")) {
            done = sql.retryFailed(filter, batch, bar);
        }
        long retried = done.retried();
        List<Long> skipped = done.skipped();
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            ObjectNode n = JsonOutput.object().put("retried", retried);
            n.set("skipped_dedup_key_in_use", JsonOutput.longs(skipped));
            JsonOutput.print(out, n);
        } else {
            out.printf("retried %s%n", HumanFormat.count(retried, "failed job"));
            if (!skipped.isEmpty()) {
                out.printf("skipped %s whose dedup key another pending or running job holds: %s%n",
                        HumanFormat.count(skipped.size(), "job"), skipped);
            }
        }
        return ExitCodes.OK;
    }
}
