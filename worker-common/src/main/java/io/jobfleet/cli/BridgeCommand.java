package io.jobfleet.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jobfleet.bridge.BridgeConfig;
import io.jobfleet.bridge.BridgeStatus;
import io.jobfleet.bridge.Bridges;
import io.jobfleet.db.Database;
import io.jobfleet.db.Migrations;
import io.jobfleet.engine.Payloads;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code bridge install|remove|status}: bridges from the app's own queue tables (docs/bridges.md). */
@Command(name = "bridge", mixinStandardHelpOptions = true,
        description = {"Bridges from the app's own queue tables: the app keeps inserting into and polling its table; "
                + "jobfleet runs the jobs and writes every state change back onto the app's rows. See docs/bridges.md."},
        subcommands = {BridgeCommand.Install.class, BridgeCommand.Remove.class, BridgeCommand.Status.class})
public final class BridgeCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @ParentCommand
    JobfleetCommand root;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    private static Database open(DbOptions db, String name) {
        return db.openCurrent(name);
    }

    /** {@code bridge install --config FILE}. */
    @Command(name = "install", mixinStandardHelpOptions = true,
            description = {"Install (or replace) a bridge in one transaction: its triggers on the app's table and on "
                    + "the jobs table, and a job for every row already pending. Run as the owner of both tables."})
    static final class Install implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @ParentCommand
        BridgeCommand parent;

        @Mixin
        DbOptions db;

        @Option(names = "--config", paramLabel = "FILE", defaultValue = "${env:JOBFLEET_BRIDGE_CONFIG}",
                description = "The bridge's YAML file (env JOBFLEET_BRIDGE_CONFIG).")
        Path config;

        @Override
        public Integer call() {
            if (config == null) {
                throw new CommandFailure(ExitCodes.USAGE, "--config FILE (or JOBFLEET_BRIDGE_CONFIG) is required");
            }
            BridgeConfig c = BridgeConfig.read(config, db.appSchema);
            c.kinds().forEach(k -> parent.root.requireRunBy(k, c.queueOf(k), "bridge " + c.name() + " (" + config + ")"));
            try (Database database = open(db, "jobfleet-bridge")) {
                Bridges.Installed r = new Bridges(database).install(c);
                spec.commandLine().getOut().printf("bridge %s %s on %s: %d pending row%s enqueued%n", r.name(),
                        r.replaced() ? "replaced" : "installed", c.table(), r.backfilled(), r.backfilled() == 1 ? "" : "s");
            }
            return ExitCodes.OK;
        }
    }

    /** {@code bridge remove NAME | --config FILE}. */
    @Command(name = "remove", mixinStandardHelpOptions = true,
            description = {"Remove a bridge's triggers and functions. Its jobs stay (pending ones still run) but no "
                    + "longer write to the app's rows; new rows of the app's table are no longer enqueued."})
    static final class Remove implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        DbOptions db;

        @ArgGroup(multiplicity = "1")
        Which which;

        static final class Which {
            @Parameters(paramLabel = "NAME", description = "The bridge's name.")
            String name;

            @Option(names = "--config", paramLabel = "FILE", description = "The bridge's YAML file (its name is used).")
            Path config;
        }

        @Override
        public Integer call() {
            String name = which.name != null ? which.name : BridgeConfig.read(which.config).name();
            try (Database database = open(db, "jobfleet-bridge")) {
                if (!new Bridges(database).remove(name)) {
                    throw new CommandFailure(ExitCodes.NOT_FOUND, "no bridge named " + name);
                }
                spec.commandLine().getOut().printf("bridge %s removed%n", name);
            }
            return ExitCodes.OK;
        }
    }

    /** {@code bridge status [NAME]}. */
    @Command(name = "status", mixinStandardHelpOptions = true,
            description = {"Each bridge: jobs by status, the app's rows by status word, and what does not add up "
                    + "(rows whose word differs from their job, pending rows without a job, missing triggers).",
                    "Exits 6 when something does not add up (for cron alerts)."})
    static final class Status implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        DbOptions db;

        @Parameters(arity = "0..1", paramLabel = "NAME", description = "Only this bridge.")
        String name;

        @Option(names = "--json", description = "Print JSON.")
        boolean json;

        @Override
        public Integer call() {
            List<BridgeStatus> all;
            try (Database database = open(db, "jobfleet-bridge")) {
                all = new Bridges(database).status(Optional.ofNullable(name));
            }
            if (name != null && all.isEmpty()) {
                throw new CommandFailure(ExitCodes.NOT_FOUND, "no bridge named " + name);
            }
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                ArrayNode a = JsonOutput.array();
                all.forEach(s -> a.add((ObjectNode) Payloads.mapper().valueToTree(s)));
                JsonOutput.print(out, a);
            } else if (all.isEmpty()) {
                out.println("no bridges installed");
            } else {
                all.forEach(s -> print(out, s));
            }
            return all.stream().allMatch(BridgeStatus::ok) ? ExitCodes.OK : ExitCodes.PROBLEMS_FOUND;
        }

        private static void print(PrintWriter out, BridgeStatus s) {
            out.printf("bridge %s on %s (installed %s): %s%n", s.name(), s.sourceTable(), s.installedAt(),
                    s.ok() ? "ok" : "MISMATCH");
            TextTable t = new TextTable("side", "status", "rows");
            s.jobs().forEach((k, v) -> t.row("jobs", k, v));
            s.source().forEach((k, v) -> t.row("app", k, v));
            if (!t.isEmpty()) {
                t.print(out, "  ");
            }
            problem(out, s.mismatched(), s.mismatchedIds(), "app row(s) whose status differs from their job's");
            problem(out, s.pendingWithoutJob(), s.pendingWithoutJobIds(),
                    "pending app row(s) without a pending or running job");
            if (s.jobsWithoutSource() > 0) {
                out.printf("  note: %d job(s) whose app row was deleted%n", s.jobsWithoutSource());
            }
            s.missingTriggers().forEach(m -> out.printf("  MISSING: %s (re-run bridge install)%n", m));
        }

        private static void problem(PrintWriter out, long n, List<String> ids, String what) {
            if (n > 0) {
                out.printf("  MISMATCH: %d %s (id%s %s%s)%n", n, what, ids.size() == 1 ? "" : "s", String.join(", ", ids),
                        n > ids.size() ? ", ..." : "");
            }
        }
    }
}
