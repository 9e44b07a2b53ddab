package io.jobfleet.testing;

import io.jobfleet.cli.JobfleetCli;
import io.jobfleet.config.DbConfig;
import io.jobfleet.family.WorkerFamily;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;

/** Runs a family's real command line in-process against a test database and captures its output. */
public final class FamilyCli {
    /** The result of one command: exit code, stdout and stderr. */
    public record Result(int exit, String out, String err) {
        @Override
        public String toString() {
            return "exit " + exit + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }

    private FamilyCli() {
    }

    /** {@code args} followed by the database flags of {@code db} (its URL, schemas, user and password). */
    public static Result run(WorkerFamily family, DbConfig db, String... args) {
        return run(family, List.of(), db, args);
    }

    /** As {@link #run(WorkerFamily, DbConfig, String...)}, with the family jar's own extra commands. */
    public static Result run(WorkerFamily family, List<Object> extraCommands, DbConfig db, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--db-url=" + db.url(), "--schema=" + db.schema(), "--app-schema=" + db.appSchema()));
        if (db.user() != null) {
            all.add("--db-user=" + db.user());
        }
        if (!db.password().isEmpty()) {
            all.add("--db-password=" + db.password().reveal());
        }
        CommandLine cl = JobfleetCli.commandLine(List.of(family), extraCommands);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int exit = cl.execute(all.toArray(String[]::new));
        return new Result(exit, out.toString(), err.toString());
    }
}
