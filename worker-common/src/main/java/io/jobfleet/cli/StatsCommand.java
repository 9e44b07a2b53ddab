package io.jobfleet.cli;

import io.jobfleet.config.DurationConverter;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jobfleet.db.Database;
import io.jobfleet.db.FlowControlSql.KeyRule;
import io.jobfleet.db.FlowControlSql.Limit;
import io.jobfleet.db.FlowControlSql.RateLimit;
import io.jobfleet.db.FlowControlSql.Pause;
import io.jobfleet.db.QueueStats;
import io.jobfleet.db.ScheduleRow;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code stats}: per queue counts, lag, durations, failure rate and throughput. */
@Command(name = "stats", mixinStandardHelpOptions = true,
        description = "Show per queue: jobs by status, the lag of the oldest due job, and over the window the "
                + "average and p95 duration of completed jobs, the failure rate (failed / (completed + failed)) "
                + "and the throughput (jobs finished per minute); then the schedules (name, cron, next run, last "
                + "slot and its job, paused).")
public final class StatsCommand implements Callable<Integer> {
    static final String WINDOW_DEFAULT = "15m";

    @Spec
    CommandSpec spec;

    @Mixin
    DbOptions db;

    @Option(names = "--queue", paramLabel = "QUEUE", description = "Only this queue.")
    String queue;

    @Option(names = "--window", paramLabel = "DURATION", defaultValue = WINDOW_DEFAULT,
            converter = DurationConverter.class,
            description = "Window of durations, failure rate and throughput (default ${DEFAULT-VALUE}).")
    Duration window;

    @Option(names = "--json", description = "Print JSON instead of a table.")
    boolean json;

    @Override
    public Integer call() {
        requirePositive(window, "--window");
        try (Database database = Database.open(db.toConfig(2), "jobfleet-stats")) {
            List<QueueStats> queues = load(database, queue, window);
            List<Pause> pauses = database.admin().flow().pauses(queue);
            List<Limit> limits = database.admin().flow().limits(queue);
            List<KeyRule> keyRules = database.admin().flow().keyRules(queue);
            List<RateLimit> rates = queue == null ? database.admin().flow().rateLimits(null)
                    : database.admin().flow().claimRates(queue);
            List<ScheduleRow> schedules = ScheduleView.load(database, queue);
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                ObjectNode n = JsonOutput.object();
                n.put("window_seconds", window.toSeconds());
                n.set("queues", StatsView.json(queues, window));
                n.set("pauses", FlowView.pausesJson(pauses));
                n.set("limits", FlowView.limitsJson(limits));
                n.set("key_rules", FlowView.keyRulesJson(keyRules));
                n.set("rates", FlowView.ratesJson(rates));
                n.set("schedules", ScheduleView.json(schedules));
                JsonOutput.print(out, n);
            } else {
                out.printf("jobs by queue; durations, failure rate and throughput over the last %s%n",
                        HumanFormat.duration(window));
                StatsView.print(out, queues, window, "");
                FlowView.print(out, pauses, limits);
                FlowView.printKeysAndRates(out, keyRules, rates);
                out.printf("%nschedules%n");
                ScheduleView.print(out, schedules, "");
            }
        }
        return ExitCodes.OK;
    }

    /** The stats; a queue asked for by name shows up with zeros when it has no jobs. */
    static List<QueueStats> load(Database database, String queue, Duration window) {
        List<QueueStats> queues = database.admin().stats().stats(queue, window);
        if (queue != null && queues.isEmpty()) {
            return List.of(QueueStats.empty(queue));
        }
        return queues;
    }

    static void requirePositive(Duration d, String option) {
        if (d.isNegative() || d.isZero()) {
            throw new CommandFailure(ExitCodes.USAGE, option + " must be positive, e.g. 15m");
        }
    }
}
