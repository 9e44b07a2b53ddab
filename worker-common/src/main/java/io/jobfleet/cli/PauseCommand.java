package io.jobfleet.cli;

import io.jobfleet.config.DurationConverter;
import io.jobfleet.db.Database;
import io.jobfleet.db.FlowControlSql.Pause;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code pause QUEUE [--kind K] [--for 30m] --reason "..."}: stop claims fleet-wide. */
@Command(name = "pause", mixinStandardHelpOptions = true,
        description = {"Pause a queue, or one kind of it, for every worker: each stops claiming its jobs at its "
                + "next claim. Running jobs finish; pending jobs wait and keep their attempts. Pausing again "
                + "replaces the reason and the end. Lift it with `resume` (which wakes the workers at once)."})
public final class PauseCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    DbOptions db;

    @Parameters(index = "0", paramLabel = "QUEUE", description = "Queue to pause.")
    String queue;

    @Option(names = "--kind", paramLabel = "KIND", defaultValue = "${env:JOBFLEET_PAUSE_KIND}",
            description = "Pause only this kind; the queue's other kinds keep running (env JOBFLEET_PAUSE_KIND).")
    String kind;

    @Option(names = "--for", paramLabel = "DURATION", converter = DurationConverter.class,
            defaultValue = "${env:JOBFLEET_PAUSE_FOR}",
            description = {"End the pause by itself after this long (30m, 2h, ...); workers resume within their "
                    + "poll interval. Default: until `resume` (env JOBFLEET_PAUSE_FOR)."})
    Duration duration;

    @Option(names = "--reason", paramLabel = "TEXT", defaultValue = "${env:JOBFLEET_PAUSE_REASON}",
            description = "Why, shown by stats, diagnose and the logs (required; env JOBFLEET_PAUSE_REASON).")
    String reason;

    @Override
    public Integer call() {
        if (reason == null || reason.isBlank()) {
            throw new CommandFailure(ExitCodes.USAGE, "--reason TEXT is required: say why, for whoever finds the pause");
        }
        if (duration != null && (duration.isNegative() || duration.isZero())) {
            throw new CommandFailure(ExitCodes.USAGE, "--for must be longer than zero (got " + duration + ")");
        }
        kind = FlowView.kind(kind);
        try (Database database = db.openCurrent("jobfleet-pause")) {
            Pause p = database.admin().flow().pause(queue, kind, reason.strip(), DbOptions.operator(), duration);
            spec.commandLine().getOut().printf("%s paused %s: %s%n", FlowView.target(p.queue(), p.kind()),
                    FlowView.until(p.until()), p.reason());
        }
        return ExitCodes.OK;
    }
}
