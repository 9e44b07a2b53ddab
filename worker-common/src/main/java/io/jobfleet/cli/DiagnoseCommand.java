package io.jobfleet.cli;

import io.jobfleet.config.DurationConverter;
import io.jobfleet.db.Database;
import io.jobfleet.family.WorkerFamily;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code diagnose}: what an operator needs when jobs look stuck; exit 6 when something is wrong. */
@Command(name = "diagnose", mixinStandardHelpOptions = true,
        description = {"Look for stuck jobs and say what to do: the stats, jobs running past their lease or their "
                + "timeout, recent failures by error class, possible duplicates, the workers seen, queues with due "
                + "jobs but no worker, the schema version, the families' own checks of their app tables (e.g. "
                + "messages stuck, failed or UNCERTAIN), and plain recommendations.",
                "Exits 6 when it finds a problem and 0 when healthy, so it can run as a cron alert."})
public final class DiagnoseCommand implements Callable<Integer> {
    /** Due jobs this old in a queue with no worker activity are reported. */
    static final Duration STALE = Duration.ofMinutes(1);

    @ParentCommand
    JobfleetCommand root;

    @Spec
    CommandSpec spec;

    @Mixin
    DbOptions db;

    @Option(names = "--queue", paramLabel = "QUEUE", description = "Only this queue.")
    String queue;

    @Option(names = "--window", paramLabel = "DURATION", defaultValue = StatsCommand.WINDOW_DEFAULT,
            converter = DurationConverter.class,
            description = "Window of the stats and of worker activity (default ${DEFAULT-VALUE}).")
    Duration window;

    @Option(names = "--failures-window", paramLabel = "DURATION", defaultValue = "24h",
            converter = DurationConverter.class, description = "How far back failures are listed (default ${DEFAULT-VALUE}).")
    Duration failuresWindow;

    @Option(names = "--max-lag", paramLabel = "DURATION", defaultValue = "10m", converter = DurationConverter.class,
            description = "A queue whose oldest due job waited longer is a problem (default ${DEFAULT-VALUE}).")
    Duration maxLag;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "20",
            description = "Jobs listed per section (default ${DEFAULT-VALUE}).")
    int limit;

    @Option(names = "--json", description = "Print one JSON document.")
    boolean json;

    @Override
    public Integer call() {
        StatsCommand.requirePositive(window, "--window");
        StatsCommand.requirePositive(failuresWindow, "--failures-window");
        StatsCommand.requirePositive(maxLag, "--max-lag");
        if (limit < 1) {
            throw new CommandFailure(ExitCodes.USAGE, "--limit must be at least 1");
        }
        Diagnosis d;
        FamilyChecks checks;
        try (Database database = Database.open(db.toConfig(2), "jobfleet-diagnose")) {
            d = Diagnosis.gather(database, new Diagnosis.Options(queue, window, failuresWindow, STALE, maxLag, limit));
            checks = d.schema().current() == null ? new FamilyChecks(List.of(), List.of())
                    : FamilyChecks.load(root.families(), database, queue);
        }
        List<Finding> findings = new java.util.ArrayList<>(DiagnosisFindings.of(d, this::workerOfQueue));
        findings.addAll(checks.findings());
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            JsonOutput.print(out, DiagnosisReport.json(d, findings));
        } else {
            DiagnosisReport.print(out, d, findings);
        }
        return findings.stream().anyMatch(Finding::isProblem) ? ExitCodes.PROBLEMS_FOUND : ExitCodes.OK;
    }

    /**
     * The findings of {@code diagnose} with its default windows, for the console:
     * {@code workerOfQueue} names the program that serves a queue.
     */
    public static List<Finding> findings(Database database, java.util.function.Function<String, String> workerOfQueue) {
        Diagnosis d = Diagnosis.gather(database, new Diagnosis.Options(null, Duration.ofMinutes(15),
                Duration.ofHours(24), STALE, Duration.ofMinutes(10), 20));
        return DiagnosisFindings.of(d, workerOfQueue);
    }

    private String workerOfQueue(String q) {
        return root.families().stream().filter(f -> f.queue().equals(q)).findFirst()
                .map(WorkerFamily::name).map(name -> "worker-" + name)
                .orElse("a worker for queue " + q);
    }
}
