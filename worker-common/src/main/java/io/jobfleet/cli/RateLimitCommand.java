package io.jobfleet.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jobfleet.config.DurationConverter;
import io.jobfleet.db.Database;
import io.jobfleet.db.FlowControlSql.RateLimit;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code rate-limit set|clear|list}: named token buckets shared by every worker process. */
@Command(name = "rate-limit", mixinStandardHelpOptions = true,
        description = {"Named rate limits, token buckets kept in PostgreSQL and shared by every worker process: "
                + "llm:<endpoint>:requests and llm:<endpoint>:tokens for an LLM provider (see --llm-rate-limit), "
                + "a messaging provider's sends, or queue:<queue>[:<kind>] for the jobs a queue starts (which "
                + "`jobfleet limit set QUEUE --rate` writes). A name with no bucket is not limited."},
        subcommands = {RateLimitCommand.Set.class, RateLimitCommand.Clear.class, RateLimitCommand.ListRates.class})
public final class RateLimitCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** {@code rate-limit set NAME --permits N [--per DURATION] [--burst N]}. */
    @Command(name = "set", mixinStandardHelpOptions = true,
            description = {"Define or change a bucket: --permits per --per interval, up to --burst at once. A new "
                    + "bucket starts full; a changed one keeps its tokens. Example:",
                    "  jobfleet rate-limit set llm:default:requests --permits 60 --per 1m --burst 10"})
    static final class Set implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        DbOptions db;

        @Parameters(index = "0", paramLabel = "NAME", description = "The bucket's name.")
        String name;

        @Option(names = "--permits", paramLabel = "N", required = true,
                description = "Tokens added per interval (requests, LLM tokens, sends...).")
        double permits;

        @Option(names = "--per", paramLabel = "DURATION", defaultValue = "${env:JOBFLEET_RATE_PER:-1s}",
                converter = DurationConverter.class,
                description = "The interval (default: ${DEFAULT-VALUE}; env JOBFLEET_RATE_PER).")
        Duration per;

        @Option(names = "--burst", paramLabel = "N", defaultValue = "${env:JOBFLEET_RATE_BURST}",
                description = "Most tokens held at once (default: --permits; env JOBFLEET_RATE_BURST).")
        Double burst;

        @Override
        public Integer call() {
            if (name == null || name.isBlank() || name.length() > 200) {
                throw new CommandFailure(ExitCodes.USAGE, "NAME must be 1 to 200 characters");
            }
            if (!(permits > 0) || per.isZero() || per.isNegative()) {
                throw new CommandFailure(ExitCodes.USAGE, "--permits must be more than 0 per a positive --per interval");
            }
            double b = burst != null ? burst : Math.max(1, permits);
            if (!(b >= 1)) {
                throw new CommandFailure(ExitCodes.USAGE, "--burst must be 1 or more");
            }
            try (Database database = db.openCurrent("jobfleet-rate-limit")) {
                database.admin().flow().setRateLimit(name, permits, per.toNanos() / 1e9, b, DbOptions.operator());
            }
            spec.commandLine().getOut().printf("%s: %s per %s, burst %s%n", name, FlowView.number(permits),
                    HumanFormat.duration(per), FlowView.number(b));
            return ExitCodes.OK;
        }
    }

    /** {@code rate-limit clear NAME}. */
    @Command(name = "clear", mixinStandardHelpOptions = true,
            description = "Remove a bucket: its name is no longer limited. Exit code 3 when there was none.")
    static final class Clear implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        DbOptions db;

        @Parameters(index = "0", paramLabel = "NAME", description = "The bucket's name.")
        String name;

        @Override
        public Integer call() {
            try (Database database = db.openCurrent("jobfleet-rate-limit")) {
                if (!database.admin().flow().clearRateLimit(name)) {
                    throw new CommandFailure(ExitCodes.NOT_FOUND, "no rate limit named " + name);
                }
            }
            spec.commandLine().getOut().printf("%s: removed%n", name);
            return ExitCodes.OK;
        }
    }

    /** {@code rate-limit list [PREFIX] [--json]}. */
    @Command(name = "list", mixinStandardHelpOptions = true, description = "Show the buckets and the tokens they hold now.")
    static final class ListRates implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        DbOptions db;

        @Parameters(index = "0", arity = "0..1", paramLabel = "PREFIX", description = "Only names starting with this.")
        String prefix;

        @Option(names = "--json", description = "Print JSON.")
        boolean json;

        @Override
        public Integer call() {
            try (Database database = db.openCurrent("jobfleet-rate-limit")) {
                List<RateLimit> rates = database.admin().flow().rateLimits(prefix);
                PrintWriter out = spec.commandLine().getOut();
                if (json) {
                    ObjectNode n = JsonOutput.object();
                    n.set("rates", FlowView.ratesJson(rates));
                    JsonOutput.print(out, n);
                } else if (rates.isEmpty()) {
                    out.println("no rate limits");
                } else {
                    FlowView.printKeysAndRates(out, List.of(), rates);
                }
            }
            return ExitCodes.OK;
        }
    }
}
