package io.jobfleet.cli;

import io.jobfleet.db.Database;
import io.jobfleet.db.NewJob;
import io.jobfleet.db.ScheduleRow;
import io.jobfleet.db.ScheduleSql;
import io.jobfleet.schedule.CatchUp;
import io.jobfleet.schedule.Schedules;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code schedule add|list|remove|pause|resume|run-now}: durable cron schedules (docs/schedules.md). */
@Command(name = "schedule", mixinStandardHelpOptions = true,
        description = {"Durable cron schedules: every worker process enqueues their due slots, each slot exactly once.",
                "See docs/schedules.md."},
        subcommands = {ScheduleCommand.Add.class, ScheduleCommand.ListAll.class, ScheduleCommand.Remove.class,
                ScheduleCommand.Pause.class, ScheduleCommand.Resume.class, ScheduleCommand.RunNow.class})
public final class ScheduleCommand implements Runnable {
    @ParentCommand
    JobfleetCommand root;

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    private static CommandFailure notFound(String name) {
        return new CommandFailure(ExitCodes.NOT_FOUND, "no schedule named " + name);
    }

    /** {@code schedule add NAME --cron EXPR --kind KIND ...}. */
    @Command(name = "add", mixinStandardHelpOptions = true,
            description = {"Add a schedule: a job of KIND enqueued at every slot of a cron expression in a time zone.",
                    "Five fields (minute hour day-of-month month day-of-week, e.g. '0 3 * * *') or six with seconds "
                    + "first (e.g. '*/10 * * * * *'). Refused with exit 7 when the name is taken."})
    static final class Add implements Callable<Integer> {
        @ParentCommand
        ScheduleCommand parent;

        @Spec
        CommandSpec spec;

        @Mixin
        DbOptions db;

        @Parameters(paramLabel = "NAME", description = "Unique name: letters, digits, '.', '_', '-'.")
        String name;

        @Option(names = "--cron", required = true, paramLabel = "EXPR", description = "Cron expression, 5 or 6 fields.")
        String cron;

        @Option(names = "--time-zone", paramLabel = "ZONE", defaultValue = "${env:JOBFLEET_SCHEDULE_TIME_ZONE:-UTC}",
                description = "IANA time zone of the expression, e.g. Europe/Paris (env JOBFLEET_SCHEDULE_TIME_ZONE, "
                        + "default ${DEFAULT-VALUE}).")
        String timeZone;

        @Option(names = "--kind", required = true, paramLabel = "KIND", description = "Job kind, e.g. invoice.process.")
        String kind;

        @Option(names = "--queue", paramLabel = "QUEUE",
                description = "Queue; defaults to the queue of the family that runs the kind.")
        String queue;

        @Option(names = "--payload", paramLabel = "JSON", defaultValue = "{}",
                description = "Payload of every job: a JSON object (default ${DEFAULT-VALUE}).")
        String payload;

        @Option(names = "--priority", defaultValue = "0", description = "Higher runs first (default ${DEFAULT-VALUE}).")
        int priority;

        @Option(names = "--max-attempts", defaultValue = "" + NewJob.MAX_ATTEMPTS_DEFAULT,
                description = "Attempts before a job fails (default ${DEFAULT-VALUE}).")
        int maxAttempts;

        @Option(names = "--timeout-seconds", defaultValue = "" + NewJob.TIMEOUT_SECONDS_DEFAULT,
                description = "Watchdog limit for one attempt (default ${DEFAULT-VALUE}).")
        int timeoutSeconds;

        @Option(names = "--catch-up", paramLabel = "POLICY", defaultValue = "${env:JOBFLEET_SCHEDULE_CATCH_UP:-skip}",
                description = "After downtime: skip (drop missed slots), last (run the latest missed slot once), all "
                        + "(run every missed slot, up to --catch-up-max) (env JOBFLEET_SCHEDULE_CATCH_UP, default "
                        + "${DEFAULT-VALUE}).")
        String catchUp;

        @Option(names = "--catch-up-max", paramLabel = "N", defaultValue = "${env:JOBFLEET_SCHEDULE_CATCH_UP_MAX:-100}",
                description = "With --catch-up all, at most this many missed slots (the latest) are run "
                        + "(env JOBFLEET_SCHEDULE_CATCH_UP_MAX, default ${DEFAULT-VALUE}).")
        int catchUpMax;

        @Override
        public Integer call() {
            String q = queue != null ? queue : parent.root.queueOfKind(kind);
            ScheduleRow draft = new ScheduleRow(name, cron, timeZone, q, kind, payload, priority, maxAttempts,
                    timeoutSeconds, CatchUp.of(catchUp).word(), catchUpMax, false, null, null, null, null, null, null);
            try (Database database = db.openCurrent("jobfleet-schedule")) {
                ScheduleRow added = new Schedules(new ScheduleSql(database)).add(draft, null).orElseThrow(() ->
                        new CommandFailure(ExitCodes.CONFLICT, "a schedule named " + name + " exists: remove it first"));
                spec.commandLine().getOut().printf("schedule %s added: %s (%s) enqueues %s in queue %s, first at %s%n",
                        added.name(), added.cron(), added.timeZone(), added.kind(), added.queue(),
                        HumanFormat.time(added.nextRun()));
            }
            return ExitCodes.OK;
        }
    }

    /** {@code schedule list [NAME]}. */
    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "List the schedules: cron, time zone, queue and kind, next run, last slot enqueued and "
                    + "its job's status, paused.")
    static final class ListAll implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        DbOptions db;

        @Parameters(arity = "0..1", paramLabel = "NAME", description = "Only this schedule.")
        String name;

        @Option(names = "--json", description = "Print JSON.")
        boolean json;

        @Override
        public Integer call() {
            List<ScheduleRow> all;
            try (Database database = db.openCurrent("jobfleet-schedule")) {
                all = new ScheduleSql(database).list(name, null);
            }
            if (name != null && all.isEmpty()) {
                throw notFound(name);
            }
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                JsonOutput.print(out, ScheduleView.json(all));
            } else {
                ScheduleView.print(out, all, "");
            }
            return ExitCodes.OK;
        }
    }

    /** A subcommand acting on one schedule named on the command line: prints what {@link #act} returns. */
    abstract static class OnOneSchedule implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        DbOptions db;

        @Parameters(paramLabel = "NAME", description = "The schedule's name.")
        String name;

        /** Does the work; returns the line to print, or throws {@link #notFound} when there is no such schedule. */
        abstract String act(ScheduleSql sql);

        @Override
        public Integer call() {
            String line;
            try (Database database = db.openCurrent("jobfleet-schedule")) {
                line = act(new ScheduleSql(database));
            }
            spec.commandLine().getOut().println(line);
            return ExitCodes.OK;
        }
    }

    /** {@code schedule remove NAME}. */
    @Command(name = "remove", mixinStandardHelpOptions = true,
            description = "Remove a schedule. The jobs it enqueued stay (pending ones still run).")
    static final class Remove extends OnOneSchedule {
        @Override
        String act(ScheduleSql sql) {
            if (!sql.remove(name)) {
                throw notFound(name);
            }
            return "schedule " + name + " removed";
        }
    }

    /** {@code schedule pause NAME}. */
    @Command(name = "pause", mixinStandardHelpOptions = true,
            description = "Pause a schedule: no slot is enqueued until it is resumed.")
    static final class Pause extends OnOneSchedule {
        @Override
        String act(ScheduleSql sql) {
            if (!sql.pause(name)) {
                throw notFound(name);
            }
            return "schedule " + name + " paused";
        }
    }

    /** {@code schedule resume NAME}. */
    @Command(name = "resume", mixinStandardHelpOptions = true,
            description = "Resume a paused schedule from its next slot: the slots that fell due while it was paused "
                    + "are not run.")
    static final class Resume extends OnOneSchedule {
        @Override
        String act(ScheduleSql sql) {
            boolean resumed = new Schedules(sql).resume(name, null).orElseThrow(() -> notFound(name));
            return "schedule " + name + (resumed ? " resumed" : " was not paused");
        }
    }

    /** {@code schedule run-now NAME}. */
    @Command(name = "run-now", mixinStandardHelpOptions = true,
            description = {"Enqueue one job of the schedule at once and print its id. It is not a slot: the schedule's "
                    + "next run, last slot and catch-up are unchanged, and the job has no dedup key."})
    static final class RunNow extends OnOneSchedule {
        @Option(names = "--json", description = "Print {\"id\": N} instead of the bare id.")
        boolean json;

        @Override
        String act(ScheduleSql sql) {
            long id = sql.runNow(sql.find(name).orElseThrow(() -> notFound(name)));
            return json ? "{\"id\": " + id + "}" : Long.toString(id);
        }
    }
}
