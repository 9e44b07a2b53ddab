package io.jobfleet.cli;

import io.jobfleet.db.Database;
import io.jobfleet.family.WorkerFamily;
import io.jobfleet.mapping.AppMapping;
import io.jobfleet.mapping.CatalogCheck;
import io.jobfleet.mapping.MappingGrants;
import io.jobfleet.mapping.MappingSpec;
import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code check}: the verdict {@code run} gives on the app tables, without running (for deploy pipelines). */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = {"Check the app's tables against the family's mapping (tables, columns, types, enum labels, "
                + "privileges of the connected role) and the jobfleet schema's version, as `run` does before it "
                + "claims anything. Exit 0 when the worker can run, 5 with one line per problem when not.",
                "A family's settings that decide which tables it uses are read from their environment variables "
                        + "(e.g. JOBFLEET_AI_QUOTAS=off: the ai family then uses none)."})
public final class CheckCommand implements Callable<Integer> {
    @ParentCommand
    JobfleetCommand root;

    @Spec
    CommandSpec spec;

    @Mixin
    DbOptions db;

    @Mixin
    AppMappingOptions mapping;

    @Option(names = "--print-default", description = "Print the family's full default mapping as YAML and exit.")
    boolean printDefault;

    @Option(names = "--print-grants", paramLabel = "ROLE",
            description = "Print the GRANT statements that give ROLE (e.g. jobfleet_worker_documents) what the family "
                    + "needs of the app's tables and functions in the mapping, for their owner to run "
                    + "(| psql \"$OWNER_DATABASE_URL\"), and exit.")
    String printGrants;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        List<WorkerFamily> families = root.family() != null ? List.of(root.family()) : root.families();
        if (families.size() > 1 && mapping.file() != null) {
            throw new CommandFailure(ExitCodes.USAGE, "--app-mapping belongs to one family: run check from its jar "
                    + "(./jobfleet documents check --app-mapping FILE)");
        }
        if (printDefault) {
            for (WorkerFamily f : families) {
                Optional<MappingSpec> s = f.appMapping();
                s.ifPresent(m -> out.print("# " + f.name() + "\n" + m.defaultYaml()));
            }
            return ExitCodes.OK;
        }
        try (Database database = Database.open(db.toConfig(2), "jobfleet-check")) {
            if (printGrants != null) {
                printGrants(out, families, database);
                return ExitCodes.OK;
            }
            RunCommand.requireCurrentSchema(database);
            int exit = ExitCodes.OK;
            for (WorkerFamily f : families) {
                Optional<AppMapping> m = mapping.resolve(f, database.config().appSchema());
                if (m.isEmpty()) {
                    out.printf("%s: no app tables to check with these settings%n", f.name());
                    continue;
                }
                List<String> problems = CatalogCheck.problems(database.jdbi(), m.get());
                if (problems.isEmpty()) {
                    out.printf("%s: the app tables fit the mapping%n", f.name());
                } else {
                    exit = ExitCodes.SCHEMA_OUTDATED;
                    out.printf("%s: %d problem(s) with the app tables:%n", f.name(), problems.size());
                    problems.forEach(p -> out.println("  " + p));
                    if (problems.stream().anyMatch(p -> p.contains(" lacks "))) {
                        out.printf("  (every privilege the mapping needs, for a role of the family such as "
                                + "jobfleet_worker_%s: ./jobfleet %s check%s --print-grants ROLE | psql, as the tables' "
                                + "owner)%n", f.name(), f.name(), mapping.file() == null ? "" : " --app-mapping FILE");
                    }
                }
            }
            return exit;
        }
    }

    private void printGrants(PrintWriter out, List<WorkerFamily> families, Database database) {
        for (WorkerFamily f : families) {
            Optional<AppMapping> m = mapping.resolve(f, database.config().appSchema());
            out.println("-- " + f.name() + (m.isEmpty() ? ": no app tables with these settings" : ""));
            m.ifPresent(am -> database.jdbi().useHandle(h -> MappingGrants.statements(h, am, printGrants)
                    .forEach(out::println)));
        }
    }
}
