package io.jobfleet.cli;

import io.jobfleet.config.DbConfig;
import io.jobfleet.db.Database;
import io.jobfleet.db.Migrations;
import io.jobfleet.family.WorkerFamily;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code migrate}: brings the jobfleet schema (and, on request, the reference app tables) up to date. */
@Command(name = "migrate", mixinStandardHelpOptions = true,
        description = {"Create or upgrade the jobfleet schema (Flyway). Run it before rolling out new workers.",
                "With --app-tables, also create the reference app tables of the families (opt-in)."})
public final class MigrateCommand implements Callable<Integer> {
    @ParentCommand
    JobfleetCommand root;

    @Spec
    CommandSpec spec;

    @Mixin
    DbOptions db;

    @Option(names = {"--app-tables", "--with-app-tables"},
            description = "Also create the reference app tables of this jar's families in --app-schema.")
    boolean appTables;

    @Option(names = "--check", description = "Only report whether the schema is current; exit 5 when it is not.")
    boolean check;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        DbConfig config = db.toConfig(2);
        if (config.pooler().transactionMode() && !check) {
            // Flyway sets a session search_path and holds a session advisory lock while it migrates
            throw new CommandFailure(ExitCodes.USAGE, "migrate needs a direct connection, not a pooler in "
                    + "transaction mode: run it with --db-pooler none and a --db-url that reaches PostgreSQL "
                    + "directly (Supabase: the direct connection or the session pooler on port 5432)");
        }
        try (Database database = Database.open(config, "jobfleet-migrate")) {
            Migrations m = new Migrations(database.dataSource(), database.schema());
            if (check) {
                Migrations.SchemaState s = m.state();
                out.printf("schema %s: version %s, this build needs %s%n", s.schema(),
                        s.current() == null ? "(none)" : s.current(), s.latest());
                return s.upToDate() ? ExitCodes.OK : ExitCodes.SCHEMA_OUTDATED;
            }
            int applied = m.migrate();
            out.printf("schema %s: %d migration(s) applied, now at version %s%n", database.schema(), applied,
                    m.state().current());
            if (appTables) {
                for (WorkerFamily family : root.families()) {
                    if (family.appSchemaLocation().isPresent()) {
                        int n = m.migrateAppSchema(family.name(), family.appSchemaLocation().get(),
                                database.config().appSchema());
                        out.printf("reference app tables of %s in schema %s: %d migration(s) applied%n",
                                family.name(), database.config().appSchema(), n);
                    }
                }
            }
            return ExitCodes.OK;
        }
    }
}
