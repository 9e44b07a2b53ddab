package io.jobfleet.cli;

import io.jobfleet.family.WorkerFamily;
import java.util.List;
import java.util.Optional;
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
    private final List<WorkerFamily> families;

    @Spec
    CommandSpec spec;

    JobfleetCommand(List<WorkerFamily> families) {
        this.families = List.copyOf(families);
    }

    /** The families this jar knows: one in a worker jar, all of them in the fleet tool. */
    public List<WorkerFamily> families() {
        return families;
    }

    /** The one family of a worker jar; null in a jar that knows several or none. */
    public WorkerFamily family() {
        return families.size() == 1 ? families.get(0) : null;
    }

    /** The family that runs {@code kind}, if this jar knows it. */
    public Optional<WorkerFamily> familyOfKind(String kind) {
        return families.stream().filter(f -> f.kinds().contains(kind)).findFirst();
    }

    /**
     * The queue of the family that runs {@code kind}; a usage error listing the kinds this jar's
     * families run when none does (a worker of the app's own needs {@code --queue}).
     */
    public String queueOfKind(String kind) {
        return familyOfKind(kind).map(WorkerFamily::queue).orElseThrow(() -> new CommandFailure(ExitCodes.USAGE,
                "no family runs kind '" + kind + "'" + knownKinds() + ": check its spelling, or pass --queue for a "
                        + "worker of your own"));
    }

    /**
     * A usage error when {@code kind} goes to the queue of one of this jar's families that does not
     * run it (its jobs would all fail with "no handler"); a queue no family serves is the app's own.
     */
    public void requireRunBy(String kind, String queue, String where) {
        families.stream().filter(f -> f.queue().equals(queue) && !f.kinds().contains(kind)).findFirst().ifPresent(f -> {
            throw new CommandFailure(ExitCodes.USAGE, where + ": kind '" + kind + "' goes to queue " + queue
                    + ", whose " + f.name() + " workers run only " + String.join(", ", f.kinds())
                    + ": check its spelling");
        });
    }

    private String knownKinds() {
        List<String> kinds = families.stream().flatMap(f -> f.kinds().stream()).toList();
        return kinds.isEmpty() ? "" : " (known kinds: " + String.join(", ", kinds) + ")";
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
