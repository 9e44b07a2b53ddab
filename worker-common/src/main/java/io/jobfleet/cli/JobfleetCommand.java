package io.jobfleet.cli;

import io.jobfleet.family.WorkerFamily;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The root command of a worker jar: {@code worker-ai}, {@code worker-documents}, ... */
@Command(mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "jobfleet worker: runs background jobs from PostgreSQL.",
        footer = {"", "Every flag also reads a JOBFLEET_* environment variable; see --help of each command.",
                "Exit codes: 0 ok, 1 failure, 2 usage, 3 not found, 4 database unavailable,",
                "5 schema out of date (run migrate), 6 problems found (diagnose), 7 conflict."})
public final class JobfleetCommand implements Runnable {
    private final WorkerFamily family;

    @Spec
    CommandSpec spec;

    JobfleetCommand(WorkerFamily family) {
        this.family = family;
    }

    /** The family of this jar, or null for a neutral operator build. */
    public WorkerFamily family() {
        return family;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
