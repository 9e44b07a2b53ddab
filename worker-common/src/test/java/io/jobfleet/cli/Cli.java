package io.jobfleet.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.jobfleet.config.DbConfig;
import io.jobfleet.engine.JobHandler;
import io.jobfleet.engine.Payloads;
import io.jobfleet.family.FamilyRuntime;
import io.jobfleet.family.WorkerFamily;
import io.jobfleet.testing.FamilyCli;
import io.jobfleet.testing.TestDatabase;
import java.util.ArrayList;
import java.util.List;

/** Runs the real command line in-process against a test database and captures its output. */
final class Cli {
    private Cli() {
    }

    /** The result of one command: exit code, stdout and stderr. */
    record Result(int exit, String out, String err) {
        JsonNode json() {
            JsonNode n = Payloads.tree(out);
            if (n == null || n.isNull() || n.isMissingNode()) {
                throw new AssertionError("stdout is not JSON:\n" + out + "\nstderr:\n" + err);
            }
            return n;
        }

        @Override
        public String toString() {
            return "exit " + exit + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }

    /** {@code command args...} with the database flags of {@code db}; the jar knows family {@code documents}. */
    static Result run(TestDatabase db, String command, String... args) {
        return run(db.config(), command, args);
    }

    static Result run(DbConfig db, String command, String... args) {
        List<String> all = new ArrayList<>();
        all.add(command);
        all.addAll(List.of(args));
        FamilyCli.Result r = FamilyCli.run(new Documents(), db, all.toArray(String[]::new));
        return new Result(r.exit(), r.out(), r.err());
    }

    /** A family serving queue documents, so diagnose can name its program. */
    static final class Documents implements WorkerFamily {
        @Override
        public String name() {
            return "documents";
        }

        @Override
        public String queue() {
            return "documents";
        }

        @Override
        public List<String> kinds() {
            return List.of("document.extract", "invoice.process");
        }

        @Override
        public List<JobHandler<?>> handlers(FamilyRuntime runtime) {
            return List.of();
        }
    }
}
