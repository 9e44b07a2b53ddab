package io.jobfleet.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jobfleet.db.Database;
import io.jobfleet.db.JobRow;
import io.jobfleet.engine.Payloads;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code status ID}: one job, for humans or as JSON. */
@Command(name = "status", mixinStandardHelpOptions = true, description = "Show one job: state, attempts, result, errors.")
public final class StatusCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    DbOptions db;

    @Parameters(index = "0", paramLabel = "ID", description = "Job id.")
    long id;

    @Option(names = "--json", description = "Print the job as a JSON object.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        try (Database database = Database.open(db.toConfig(2), "jobfleet-status")) {
            JobRow job = database.queue().find(id)
                    .orElseThrow(() -> new CommandFailure(ExitCodes.NOT_FOUND, "job " + id + " not found"));
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                out.println(Payloads.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(toJson(job)));
            } else {
                printHuman(out, job);
            }
        }
        return ExitCodes.OK;
    }

    static ObjectNode toJson(JobRow job) {
        ObjectNode n = Payloads.mapper().valueToTree(job);
        n.set("payload", Payloads.tree(job.payload()));
        n.set("result", Payloads.tree(job.result()));
        n.set("errors", Payloads.tree(job.errors()));
        n.set("progress", Payloads.tree(job.progress()));
        return n;
    }

    private static void printHuman(PrintWriter out, JobRow j) {
        out.printf("job %d  %s  (%s on queue %s)%n", j.id(), j.status().toUpperCase(java.util.Locale.ROOT), j.kind(), j.queue());
        out.printf("  attempts     %d of %d%n", j.attempts(), j.maxAttempts());
        out.printf("  priority     %d%n", j.priority());
        out.printf("  created      %s%n", j.createdAt());
        out.printf("  scheduled    %s%n", j.scheduledAt());
        if (j.startedAt() != null) {
            out.printf("  started      %s%n", j.startedAt());
        }
        if (j.completedAt() != null) {
            out.printf("  finished     %s%n", j.completedAt());
        }
        if (j.lockedBy() != null) {
            out.printf("  worker       %s%s%n", j.lockedBy(), j.leaseUntil() == null ? "" : " (lease until " + j.leaseUntil() + ")");
        }
        JsonNode progress = Payloads.tree(j.progress());
        if (progress.isObject()) {
            out.printf("  progress     %s%n", ProgressView.describe(progress));
        }
        if (j.dedupKey() != null) {
            out.printf("  dedup key    %s%n", j.dedupKey());
        }
        if (j.lastError() != null) {
            out.printf("  last error   %s%n", j.lastError());
        }
        JsonNode errors = Payloads.tree(j.errors());
        if (errors.isArray() && !errors.isEmpty()) {
            out.println("  errors:");
            for (JsonNode e : errors) {
                out.printf("    #%s %s %-14s %s%n", e.path("attempt").asText(), e.path("at").asText(),
                        e.path("class").asText(), e.path("message").asText());
            }
        }
        if (j.result() != null) {
            out.printf("  result       %s%n", j.result().length() > 400 ? j.result().substring(0, 400) + "..." : j.result());
        }
    }
}
