package io.jobfleet.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jobfleet.db.Database;
import io.jobfleet.config.DurationConverter;
import io.jobfleet.db.FlowControlSql;
import io.jobfleet.db.FlowControlSql.KeyRule;
import io.jobfleet.db.FlowControlSql.Limit;
import io.jobfleet.db.FlowControlSql.RateLimit;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code limit set|clear|list}: fleet-wide caps, key rules and claim rates of a queue or kind. */
@Command(name = "limit", mixinStandardHelpOptions = true,
        description = {"Fleet-wide limits on a queue, or on one kind in it, however many workers run; PostgreSQL "
                + "enforces them at every claim. A cap holds the jobs running at once; a key rule holds the jobs "
                + "running per concurrency key (a user, a conversation), optionally one at a time in enqueue order; "
                + "a rate holds how many jobs start per interval. Jobs over a limit wait in pending (no attempt "
                + "spent) and are claimed as soon as there is room."},
        subcommands = {LimitCommand.Set.class, LimitCommand.Clear.class, LimitCommand.ListLimits.class})
public final class LimitCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** {@code limit set QUEUE [--kind K] [--max-running N] [--per-key N] [--ordered] [--key-field F] [--rate N ...]}. */
    @Command(name = "set", mixinStandardHelpOptions = true,
            description = {"Set (or change) the limits of a queue or of one kind: any of a cap, a key rule and a rate.",
                    "They hold at every worker's next claim; jobs already running above a lowered limit finish.",
                    "Examples:",
                    "  jobfleet limit set documents --max-running 20",
                    "  jobfleet limit set documents --kind document.extract_requirements --per-key 2 --key-field user_id",
                    "  jobfleet limit set messages --ordered --key-field conversation_id",
                    "  jobfleet limit set ai --rate 60 --per 1m --burst 10"})
    static final class Set implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        DbOptions db;

        @Parameters(index = "0", paramLabel = "QUEUE", description = "Queue to limit.")
        String queue;

        @Option(names = "--kind", paramLabel = "KIND", defaultValue = "${env:JOBFLEET_LIMIT_KIND}",
                description = "Limit only this kind (env JOBFLEET_LIMIT_KIND).")
        String kind;

        @Option(names = "--max-running", paramLabel = "N", defaultValue = "${env:JOBFLEET_LIMIT_MAX_RUNNING}",
                description = "Most jobs running at once, fleet-wide; 0 holds them all (env JOBFLEET_LIMIT_MAX_RUNNING).")
        Integer maxRunning;

        @Option(names = "--per-key", paramLabel = "N", defaultValue = "${env:JOBFLEET_LIMIT_PER_KEY}",
                description = "Most jobs running at once per concurrency key, fleet-wide (env JOBFLEET_LIMIT_PER_KEY).")
        Integer perKey;

        @Option(names = "--ordered", defaultValue = "${env:JOBFLEET_LIMIT_ORDERED:-false}",
                description = {"One job per key at a time, in enqueue order: a key's next job starts only after the "
                        + "previous one ended (completed, failed or cancelled), retries included (env JOBFLEET_LIMIT_ORDERED)."})
        boolean ordered;

        @Option(names = "--key-field", paramLabel = "FIELD", defaultValue = "${env:JOBFLEET_LIMIT_KEY_FIELD}",
                description = {"Take the key of jobs enqueued without one from this payload field (e.g. user_id); "
                        + "pending jobs without a key get theirs now (env JOBFLEET_LIMIT_KEY_FIELD)."})
        String keyField;

        @Option(names = "--rate", paramLabel = "N", defaultValue = "${env:JOBFLEET_LIMIT_RATE}",
                description = "Most jobs started per --per interval, fleet-wide (env JOBFLEET_LIMIT_RATE).")
        Double rate;

        @Option(names = "--per", paramLabel = "DURATION", defaultValue = "${env:JOBFLEET_LIMIT_PER:-1s}",
                converter = DurationConverter.class,
                description = "The rate's interval (default: ${DEFAULT-VALUE}; env JOBFLEET_LIMIT_PER).")
        Duration per;

        @Option(names = "--burst", paramLabel = "N", defaultValue = "${env:JOBFLEET_LIMIT_BURST}",
                description = "Jobs that may start at once after a quiet spell (default: the rate, at least 1; env JOBFLEET_LIMIT_BURST).")
        Double burst;

        @Override
        public Integer call() {
            boolean keys = perKey != null || ordered || keyField != null;
            if (maxRunning == null && !keys && rate == null) {
                throw new CommandFailure(ExitCodes.USAGE, "nothing to set: give --max-running, --per-key/--ordered or --rate");
            }
            if (maxRunning != null && maxRunning < 0) {
                throw new CommandFailure(ExitCodes.USAGE, "--max-running must be 0 or more");
            }
            if (ordered && perKey != null && perKey != 1) {
                throw new CommandFailure(ExitCodes.USAGE, "--ordered runs one job per key at a time: leave out --per-key or set it to 1");
            }
            int maxPerKey = ordered || perKey == null ? 1 : perKey;
            if (keys && maxPerKey < 1) {
                throw new CommandFailure(ExitCodes.USAGE, "--per-key must be 1 or more");
            }
            String field = FlowView.kind(keyField);
            if (field != null && !field.matches("[A-Za-z_][A-Za-z0-9_]{0,62}")) {
                throw new CommandFailure(ExitCodes.USAGE, "--key-field must be a top-level payload field name "
                        + "(letters, digits, _), not '" + field + "'");
            }
            if (rate != null && (!(rate > 0) || per.isZero() || per.isNegative())) {
                throw new CommandFailure(ExitCodes.USAGE, "--rate must be more than 0 per a positive --per interval");
            }
            String target = FlowView.target(queue, FlowView.kind(kind));
            PrintWriter out = spec.commandLine().getOut();
            try (Database database = db.openCurrent("jobfleet-limit")) {
                FlowControlSql flow = database.admin().flow();
                if (maxRunning != null) {
                    flow.setLimit(queue, FlowView.kind(kind), maxRunning, DbOptions.operator());
                    out.printf("%s: at most %d running%n", target, maxRunning);
                }
                if (keys) {
                    int keyed = flow.setKeyRule(queue, FlowView.kind(kind), maxPerKey, ordered, field, DbOptions.operator());
                    out.printf("%s: %s%s%s%n", target, FlowView.keyRule(maxPerKey, ordered),
                            field == null ? "" : ", key from payload field " + field,
                            field == null ? "" : " (" + HumanFormat.count(keyed, "waiting job") + " keyed now)");
                }
                if (rate != null) {
                    double b = burst != null ? burst : Math.max(1, Math.floor(rate));
                    if (b < 1) {
                        throw new CommandFailure(ExitCodes.USAGE, "--burst must be 1 or more");
                    }
                    flow.setRateLimit(FlowControlSql.claimBucket(queue, FlowView.kind(kind)), rate,
                            per.toNanos() / 1e9, b, DbOptions.operator());
                    out.printf("%s: at most %s jobs started per %s (burst %s)%n", target, FlowView.number(rate),
                            HumanFormat.duration(per), FlowView.number(b));
                }
            }
            return ExitCodes.OK;
        }
    }

    /** {@code limit clear QUEUE [--kind K] [--cap] [--keys] [--rate]}. */
    @Command(name = "clear", mixinStandardHelpOptions = true,
            description = {"Remove the limits of a queue (without --kind: the queue-wide ones) or of one kind: those "
                    + "named by --cap, --keys, --rate, or all of them. Exit code 3 when there was none."})
    static final class Clear implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        DbOptions db;

        @Parameters(index = "0", paramLabel = "QUEUE", description = "Queue whose limits to remove.")
        String queue;

        @Option(names = "--kind", paramLabel = "KIND", defaultValue = "${env:JOBFLEET_LIMIT_KIND}",
                description = "Remove this kind's limits (env JOBFLEET_LIMIT_KIND).")
        String kind;

        @Option(names = "--cap", description = "Remove the cap on running jobs.")
        boolean cap;

        @Option(names = "--keys", description = "Remove the key rule.")
        boolean keys;

        @Option(names = "--rate", description = "Remove the rate.")
        boolean rate;

        @Override
        public Integer call() {
            boolean all = !cap && !keys && !rate;
            String k = FlowView.kind(kind);
            String target = FlowView.target(queue, k);
            List<String> removed = new ArrayList<>();
            try (Database database = db.openCurrent("jobfleet-limit")) {
                FlowControlSql flow = database.admin().flow();
                if ((all || cap) && flow.clearLimit(queue, k)) {
                    removed.add("cap");
                }
                if ((all || keys) && flow.clearKeyRule(queue, k)) {
                    removed.add("key rule");
                }
                if ((all || rate) && flow.clearRateLimit(FlowControlSql.claimBucket(queue, k))) {
                    removed.add("rate");
                }
            }
            if (removed.isEmpty()) {
                throw new CommandFailure(ExitCodes.NOT_FOUND, target + " has no " + (all ? "limit" : "such limit"));
            }
            spec.commandLine().getOut().printf("%s: %s removed%n", target, String.join(", ", removed));
            return ExitCodes.OK;
        }
    }

    /** {@code limit list [QUEUE] [--json]}. */
    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "Show the caps, key rules and rates, and what runs under them now.")
    static final class ListLimits implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        DbOptions db;

        @Parameters(index = "0", arity = "0..1", paramLabel = "QUEUE", description = "Only this queue.")
        String queue;

        @Option(names = "--json", description = "Print JSON.")
        boolean json;

        @Override
        public Integer call() {
            try (Database database = db.openCurrent("jobfleet-limit")) {
                FlowControlSql flow = database.admin().flow();
                List<Limit> limits = flow.limits(queue);
                List<KeyRule> rules = flow.keyRules(queue);
                List<RateLimit> rates = flow.claimRates(queue);
                PrintWriter out = spec.commandLine().getOut();
                if (json) {
                    ObjectNode n = JsonOutput.object();
                    n.set("limits", FlowView.limitsJson(limits));
                    n.set("key_rules", FlowView.keyRulesJson(rules));
                    n.set("rates", FlowView.ratesJson(rates));
                    JsonOutput.print(out, n);
                } else if (limits.isEmpty() && rules.isEmpty() && rates.isEmpty()) {
                    out.println("no limits");
                } else {
                    for (Limit l : limits) {
                        out.printf("%s: %d of at most %d running (set by %s at %s)%n", FlowView.target(l.queue(), l.kind()),
                                l.running(), l.maxRunning(), l.setBy(), HumanFormat.time(l.setAt()));
                    }
                    FlowView.printKeysAndRates(out, rules, rates);
                }
            }
            return ExitCodes.OK;
        }
    }
}
