package io.jobfleet.cli;

import io.jobfleet.db.Database;
import io.jobfleet.db.FlowControlSql.Pause;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code resume QUEUE [--kind K]}: lift pauses and wake the queue's workers. */
@Command(name = "resume", mixinStandardHelpOptions = true,
        description = {"Lift the pauses of a queue (all of them: the queue's and its kinds'), or with --kind only "
                + "that kind's. The queue's workers are woken at once (NOTIFY) and claim within milliseconds.",
                "Exit code 3 when there was no such pause."})
public final class ResumeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    DbOptions db;

    @Parameters(index = "0", paramLabel = "QUEUE", description = "Queue to resume.")
    String queue;

    @Option(names = "--kind", paramLabel = "KIND", defaultValue = "${env:JOBFLEET_PAUSE_KIND}",
            description = "Lift only this kind's pause (env JOBFLEET_PAUSE_KIND).")
    String kind;

    @Override
    public Integer call() {
        kind = FlowView.kind(kind);
        try (Database database = db.openCurrent("jobfleet-resume")) {
            List<Pause> lifted = database.admin().flow().resume(queue, kind);
            if (lifted.isEmpty()) {
                throw new CommandFailure(ExitCodes.NOT_FOUND, FlowView.target(queue, kind) + " is not paused");
            }
            for (Pause p : lifted) {
                spec.commandLine().getOut().printf("%s resumed (was paused by %s: %s)%n",
                        FlowView.target(p.queue(), p.kind()), p.pausedBy(), p.reason());
            }
        }
        return ExitCodes.OK;
    }
}
