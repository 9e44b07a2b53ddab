package io.jobfleet.cli;

import io.jobfleet.db.Database;
import io.jobfleet.db.JobRow;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code cancel ID}: what {@code jobfleet.cancel(id)} does, from the shell. */
@Command(name = "cancel", mixinStandardHelpOptions = true,
        description = {"Cancel a job. A pending job is cancelled at once; a running job is marked cancelled "
                + "and its worker interrupts the handler at its next heartbeat (its result is discarded).",
                "A job cancelled after an attempt started gets its family's failure writes (the app's row leaves "
                + "its in-progress state) from a worker of its kind."})
public final class CancelCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    DbOptions db;

    @Parameters(index = "0", paramLabel = "ID", description = "Job id.")
    long id;

    @Override
    public Integer call() {
        try (Database database = Database.open(db.toConfig(2), "jobfleet-cancel")) {
            if (database.queue().cancel(id)) {
                spec.commandLine().getOut().printf("job %d cancelled%n", id);
                return ExitCodes.OK;
            }
            JobRow job = database.queue().find(id)
                    .orElseThrow(() -> new CommandFailure(ExitCodes.NOT_FOUND, "job " + id + " not found"));
            throw new CommandFailure(ExitCodes.CONFLICT, "job " + id + " is already " + job.status() + "; nothing to cancel");
        }
    }
}
