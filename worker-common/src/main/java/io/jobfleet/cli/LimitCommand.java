package io.jobfleet.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jobfleet.db.Database;
import io.jobfleet.db.FlowControlSql.Limit;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code limit set|clear|list}: fleet-wide caps on running jobs of a queue or kind. */
@Command(name = "limit", mixinStandardHelpOptions = true,
        description = {"Fleet-wide caps on the jobs running at once in a queue, or of one kind in it, however many",
                "workers run: the claim takes only the room left under the cap. Jobs over the cap wait in pending",
                "(no attempt spent) and are claimed as soon as a running one ends."},
        subcommands = {LimitCommand.Set.class, LimitCommand.Clear.class, LimitCommand.ListLimits.class})
public final class LimitCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** {@code limit set QUEUE [--kind K] --max-running N}. */
    @Command(name = "set", mixinStandardHelpOptions = true,
            description = {"Set (or change) the cap of a queue or of one kind. It holds at every worker's next claim;",
                    "jobs already running above a lowered cap finish."})
    static final class Set implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        DbOptions db;

        @Parameters(index = "0", paramLabel = "QUEUE", description = "Queue to cap.")
        String queue;

        @Option(names = "--kind", paramLabel = "KIND", defaultValue = "${env:JOBFLEET_LIMIT_KIND}",
                description = "Cap only this kind (env JOBFLEET_LIMIT_KIND).")
        String kind;

        @Option(names = "--max-running", paramLabel = "N", defaultValue = "${env:JOBFLEET_LIMIT_MAX_RUNNING}",
                description = "Most jobs running at once, fleet-wide; 0 holds them all (env JOBFLEET_LIMIT_MAX_RUNNING).")
        Integer maxRunning;

        @Override
        public Integer call() {
            if (maxRunning == null || maxRunning < 0) {
                throw new CommandFailure(ExitCodes.USAGE, "--max-running N (0 or more) is required");
            }
            try (Database database = db.openCurrent("jobfleet-limit")) {
                database.admin().flow().setLimit(queue, FlowView.kind(kind), maxRunning, DbOptions.operator());
                spec.commandLine().getOut().printf("%s: at most %d running%n",
                        FlowView.target(queue, FlowView.kind(kind)), maxRunning);
            }
            return ExitCodes.OK;
        }
    }

    /** {@code limit clear QUEUE [--kind K]}. */
    @Command(name = "clear", mixinStandardHelpOptions = true,
            description = {"Remove the cap of a queue (without --kind: the queue-wide one) or of one kind.",
                    "Exit code 3 when there was none."})
    static final class Clear implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        DbOptions db;

        @Parameters(index = "0", paramLabel = "QUEUE", description = "Queue whose cap to remove.")
        String queue;

        @Option(names = "--kind", paramLabel = "KIND", defaultValue = "${env:JOBFLEET_LIMIT_KIND}",
                description = "Remove this kind's cap (env JOBFLEET_LIMIT_KIND).")
        String kind;

        @Override
        public Integer call() {
            try (Database database = db.openCurrent("jobfleet-limit")) {
                String target = FlowView.target(queue, FlowView.kind(kind));
                if (!database.admin().flow().clearLimit(queue, FlowView.kind(kind))) {
                    throw new CommandFailure(ExitCodes.NOT_FOUND, target + " has no cap");
                }
                spec.commandLine().getOut().printf("%s: cap removed%n", target);
            }
            return ExitCodes.OK;
        }
    }

    /** {@code limit list [QUEUE] [--json]}. */
    @Command(name = "list", mixinStandardHelpOptions = true, description = "Show the caps and what runs under them now.")
    static final class ListLimits implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        DbOptions db;

        @Parameters(index = "0", arity = "0..1", paramLabel = "QUEUE", description = "Only this queue.")
        String queue;

        @Option(names = "--json", description = "Print JSON.")
        boolean json;

        @Override
        public Integer call() {
            try (Database database = db.openCurrent("jobfleet-limit")) {
                List<Limit> limits = database.admin().flow().limits(queue);
                PrintWriter out = spec.commandLine().getOut();
                if (json) {
                    ObjectNode n = JsonOutput.object();
                    n.set("limits", FlowView.limitsJson(limits));
                    JsonOutput.print(out, n);
                } else if (limits.isEmpty()) {
                    out.println("no caps");
                } else {
                    for (Limit l : limits) {
                        out.printf("%s: %d of at most %d running (set by %s at %s)%n", FlowView.target(l.queue(), l.kind()),
                                l.running(), l.maxRunning(), l.setBy(), HumanFormat.time(l.setAt()));
                    }
                }
            }
            return ExitCodes.OK;
        }
    }
}
