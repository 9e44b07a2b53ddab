package io.jobfleet.bench;

import io.jobfleet.config.DbConfig;
import io.jobfleet.config.EngineConfig;
import io.jobfleet.runtime.StartWarmup;
import io.jobfleet.testing.PgBouncerProcess;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code bench}: jobfleet's benchmarks (throughput, enqueue-to-start latency, idle load, rescue
 * after kill -9, worker RSS, cost by table size, scaling by process count, cost per job, start to
 * first claim), and with {@code --peers} the same throughput and latency workloads on db-scheduler
 * and JobRunr against the same server. Prints a report; {@code --json} writes it.
 */
@Command(name = "bench", mixinStandardHelpOptions = true, sortOptions = false,
        versionProvider = BenchMain.Version.class,
        description = {"Benchmarks jobfleet (and with --peers db-scheduler and JobRunr) on one PostgreSQL server.",
            "Without --db-url it starts an embedded PostgreSQL 17 (fsync and synchronous_commit on).",
            "Measure on a quiet machine: other load makes every figure noisy."},
        footer = "Method and goals: docs/benchmarks.md")
public final class BenchMain implements Callable<Integer> {
    /** The workloads {@code --only} can pick (written with a hyphen where the name has an underscore). */
    enum Workload {
        throughput, latency, latency_backlog, latency_floor, idle, rescue, rss, keys, table_size, processes, cost, start, pooler, jobspage;

        String label() {
            return name().replace('_', '-');
        }

        static Workload parse(String text) {
            return valueOf(text.strip().toLowerCase(Locale.ROOT).replace('-', '_'));
        }
    }

    /** The workload names as {@code --only} takes them. */
    static final class WorkloadNames extends ArrayList<String> {
        private static final long serialVersionUID = 1L;

        WorkloadNames() {
            super(EnumSet.allOf(Workload.class).stream().map(Workload::label).toList());
        }
    }

    @Spec
    CommandSpec spec;

    @Option(names = "--db-url", paramLabel = "JDBC_URL", defaultValue = "${env:JOBFLEET_BENCH_DB_URL}",
            description = "PostgreSQL server to use (env JOBFLEET_BENCH_DB_URL). Default: an embedded PostgreSQL 17.")
    String dbUrl;

    @Option(names = "--db-user", paramLabel = "USER", defaultValue = "${env:JOBFLEET_BENCH_DB_USER}",
            description = "User for --db-url (env JOBFLEET_BENCH_DB_USER).")
    String dbUser;

    @Option(names = "--db-password", paramLabel = "PASSWORD", defaultValue = "${env:JOBFLEET_BENCH_DB_PASSWORD}",
            description = "Password for --db-url (env JOBFLEET_BENCH_DB_PASSWORD).")
    String dbPassword;

    @Option(names = "--jobs", paramLabel = "N", description = "No-op jobs per throughput and RSS run (default 20000; 500 with --quick).")
    Integer jobs;

    @Option(names = "--warmup-seconds", paramLabel = "S",
            description = "Before the timed throughput runs (or the latency runs, when no throughput run is selected), "
                    + "each system they measure drains untimed batches of --jobs no-op jobs "
                    + "in this JVM for at least S seconds, so none is measured while its code is still being compiled "
                    + "(default 30; 0 with --quick). A time, not a job count: a system that batches runs its per-batch "
                    + "code once per batch and needs more jobs to reach compiled code.")
    Integer warmupSeconds;

    @Option(names = "--runs", paramLabel = "N",
            description = "Timed throughput runs per system and concurrency, interleaved across systems; the median "
                    + "run is reported. Also the latency rounds of --latency-jobs jobs per system, taking turns, "
                    + "pooled (default 3; 1 with --quick).")
    Integer repeats;

    @Option(names = "--table-drains", paramLabel = "N",
            description = "table-size's timed drains per table, each beside a drain of the empty reference table; the "
                    + "medians are compared (default 7; 1 with --quick). Single drains of a few seconds spread by a "
                    + "third on a shared machine, so three were not enough to compare two tables.")
    Integer tableDrains;

    @Option(names = "--latency-jobs", paramLabel = "N",
            description = "Jobs enqueued one by one for latency (default 1000; 50 with --quick).")
    Integer latencyJobs;

    @Option(names = "--jobrunr-latency-jobs", paramLabel = "N",
            description = "Latency jobs for JobRunr, whose 5 s minimum poll makes each wait seconds (default 60; 5 with --quick).")
    Integer jobrunrLatencyJobs;

    @Option(names = "--idle-seconds", paramLabel = "S",
            description = "How long the idle worker is watched (default 120; 60 with --quick).")
    Integer idleSeconds;

    @Option(names = "--concurrency", paramLabel = "N", split = ",", defaultValue = "8,32",
            description = "Handler threads of the throughput runs (default ${DEFAULT-VALUE}).")
    List<Integer> concurrency;

    @Option(names = "--prefetch", paramLabel = "N",
            description = "jobfleet's --prefetch in the throughput setting's runs, which run beside the runs with the "
                    + "worker's defaults (default: 3 per thread, so a worker holds up to 4x its threads like "
                    + "db-scheduler's tuned lock-and-fetch).")
    Integer prefetch;

    @Option(names = "--rss-flags", paramLabel = "FLAGS",
            description = "rss: a worker JVM's flags, space-separated, one run per occurrence; 'default' for none "
                    + "(default: the JVM's defaults, then the shipped options " + "-XX:+UseSerialGC ...).")
    List<String> rssFlags;

    @Option(names = "--start-flags", paramLabel = "FLAGS",
            description = "start: also the worker JVM as shipped with these flags added, space-separated, one variant "
                    + "per occurrence, taking turns with it as shipped.")
    List<String> startFlags;

    @Option(names = "--start-runs", paramLabel = "N",
            description = "start: starts of each variant, taking turns; the median is reported (default 3; 1 with --quick).")
    Integer startRuns;

    @Option(names = "--peers", description = "Also run the throughput and latency workloads on db-scheduler and JobRunr.")
    boolean peers;

    @Option(names = "--jobs-page-rows", paramLabel = "N", defaultValue = "${env:JOBFLEET_BENCH_JOBS_PAGE_ROWS}",
            description = "Jobs in the table of the jobspage workload, the console's jobs list (env "
                    + "JOBFLEET_BENCH_JOBS_PAGE_ROWS; default 1000000; 20000 with --quick). That workload runs only "
                    + "when --only names it.")
    Integer jobsPageRows;

    @Option(names = "--quick", description = "Small counts, for a smoke run (CI).")
    boolean quick;

    @Option(names = "--only", paramLabel = "WORKLOAD", split = ",", converter = WorkloadConverter.class,
            completionCandidates = WorkloadNames.class,
            description = "Run only these workloads: ${COMPLETION-CANDIDATES} (comma-separated).")
    Set<Workload> only;

    @Option(names = "--table-sizes", paramLabel = "N", split = ",", defaultValue = "${env:JOBFLEET_BENCH_TABLE_SIZES}",
            description = "table-size: finished rows in the jobs table before each drain of --jobs jobs "
                    + "(env JOBFLEET_BENCH_TABLE_SIZES; default 0,1000000,10000000; 0,20000 with --quick). The empty "
                    + "table is always measured first.")
    List<Long> tableSizes;

    @Option(names = "--backlog", paramLabel = "N", defaultValue = "${env:JOBFLEET_BENCH_BACKLOG}",
            description = "table-size: pending jobs of another queue in the table for one more drain "
                    + "(env JOBFLEET_BENCH_BACKLOG; default 100000; 2000 with --quick; 0: none).")
    Long backlog;

    @Option(names = "--processes", paramLabel = "N", split = ",", defaultValue = "${env:JOBFLEET_BENCH_PROCESSES}",
            description = "processes: worker JVM counts to drain --jobs jobs with, together "
                    + "(env JOBFLEET_BENCH_PROCESSES; default 1,2,4,8; 1,2 with --quick).")
    List<Integer> processes;

    @Option(names = "--idle-workers", paramLabel = "N", split = ",", defaultValue = "${env:JOBFLEET_BENCH_IDLE_WORKERS}",
            description = "idle: how many idle workers are watched together, one run per count, each worker with its "
                    + "own pool as a process has (env JOBFLEET_BENCH_IDLE_WORKERS; default 1,50; 1,10 with --quick).")
    List<Integer> idleWorkers;

    @Option(names = "--cost-jobs", paramLabel = "N", defaultValue = "${env:JOBFLEET_BENCH_COST_JOBS}",
            description = "cost: jobs enqueued one by one, then run, to measure statements, commits, WAL bytes and "
                    + "index entries per job (env JOBFLEET_BENCH_COST_JOBS; default 5000; 200 with --quick).")
    Integer costJobs;

    @Option(names = "--process-threads", paramLabel = "N", defaultValue = "${env:JOBFLEET_BENCH_PROCESS_THREADS:-8}",
            description = "processes: handler threads of the whole fleet, split evenly over its JVMs "
                    + "(env JOBFLEET_BENCH_PROCESS_THREADS; default ${DEFAULT-VALUE}).")
    int processThreads;

    @Option(names = "--json", paramLabel = "FILE", description = "Also write every figure to FILE as JSON.")
    Path json;

    @Option(names = "--pg-setting", paramLabel = "NAME=VALUE",
            description = "A setting of the embedded server, over the defaults (e.g. synchronous_commit=off); repeatable.")
    Map<String, String> pgSettings = new LinkedHashMap<>();

    @Option(names = "--pgbench", description = "Also run pgbench -N (10 s, 8 clients) on a scratch database as the ceiling reference.")
    boolean pgbench;

    public static void main(String[] args) {
        // the bench itself logs warnings only; a worker JVM (WorkerJvm: `worker` first) logs as a
        // family's jar does, through worker-common's LogConfigurator
        boolean worker = args.length > 0 && args[0].equals("worker");
        if (System.getProperty("logback.configurationFile") == null && !worker) {
            System.setProperty("logback.configurationFile", "io/jobfleet/bench/logback-bench.xml");
        }
        // a worker JVM's start, as a family's jar does it
        System.exit(StartWarmup.whileBuilding(BenchMain::commandLine).execute(args));
    }

    static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new BenchMain());
        cl.addSubcommand(new WorkerCommand());
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        return cl;
    }

    @Override
    public Integer call() throws Exception {
        checkCounts();
        PrintWriter err = spec.commandLine().getErr();
        Settings s = settings();
        Report report = new Report();
        report.context("date", ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
        report.context("machine", MachineInfo.describe());
        report.context("load average at start", MachineInfo.loadAverage());
        List<String> jvmArgs = ManagementFactory.getRuntimeMXBean().getInputArguments();
        report.context("bench JVM", jvmArgs.isEmpty() ? "no flags (JVM defaults), max heap "
                + Runtime.getRuntime().maxMemory() / 1048576 + " MiB" : String.join(" ", jvmArgs));
        report.context("counts", "jobs " + s.jobs + ", latency jobs " + s.latencyJobs + " x " + s.repeats
                + " rounds" + (peers ? " (JobRunr "
                + s.jobrunrLatencyJobs + ")" : "") + ", idle " + s.idle.toSeconds() + " s, table sizes " + s.tableSizes
                + " finished + backlog " + s.backlog + " (" + s.tableDrains + " timed drains each), processes " + s.processes + " sharing " + processThreads
                + " threads" + (quick ? " (--quick)" : ""));
        report.context("warm-up", "before the timed throughput runs (or the latency runs, when no throughput run is "
                + "selected), each system they measure drains " + (s.warmup.isZero()
                ? "one untimed batch of " + s.jobs + " no-op jobs" : "untimed batches of " + s.jobs + " no-op jobs for at least "
                + s.warmup.toSeconds() + " s") + " in this JVM (same workload, first concurrency)");
        report.context("throughput runs", s.repeats + " per system and concurrency, interleaved across systems; "
                + "the median run is reported");
        report.context("jobfleet engine", "defaults: concurrency " + EngineConfig.CONCURRENCY_DEFAULT + ", poll "
                + EngineConfig.POLL_MIN_DEFAULT.toSeconds() + "-" + EngineConfig.POLL_MAX_DEFAULT.toSeconds()
                + " s, LISTEN/NOTIFY on, lease " + EngineConfig.LEASE_DEFAULT.toSeconds() + " s, rescue interval "
                + EngineConfig.RESCUE_INTERVAL_DEFAULT.toSeconds() + " s, prefetch " + EngineConfig.PREFETCH_DEFAULT_TEXT
                + "; pool concurrency + 4; throughput runs with the defaults (" + JobfleetBench.SYSTEM + ") and with --prefetch "
                + JobfleetBench.describe(throughputPrefetch()) + " (" + JobfleetBench.THROUGHPUT_SYSTEM + ")");
        report.context("logging", "bench JVM: warnings only (no per-job log lines, for jobfleet as for the peers); "
                + "worker JVMs: production logging (JSON, per-job INFO) into a file");
        int failures = 0;
        err.println("bench: starting " + (dbUrl == null ? "an embedded PostgreSQL 17" : DbConfig.redactUrl(dbUrl)));
        try (BenchServer server = dbUrl == null || dbUrl.isBlank() ? BenchServer.embedded(pgSettings)
                : BenchServer.external(dbUrl, dbUser, dbPassword)) {
            report.context("postgres", server.isEmbedded() ? "embedded (zonky binaries), settings "
                    + BenchServer.settings(pgSettings) : "external " + DbConfig.redactUrl(dbUrl));
            report.context("postgres settings", server.settings());
            Schemas schemas = new Schemas(server);
            StatementStats statements = new StatementStats(server.admin());
            Runs runs = new Runs(err, report);
            try {
                JobfleetBench jobfleet = new JobfleetBench(server, schemas, report, statements, throughputPrefetch());
                DbSchedulerBench dbScheduler = new DbSchedulerBench(server, schemas, report);
                JobRunrBench jobRunr = new JobRunrBench(server, schemas, report);
                if (selected(Workload.throughput)) {
                    Interleaved systems = throughputRuns(server, schemas, statements, s);
                    warmUp(runs, systems, s);
                    for (int c : concurrency) {
                        systems.run(runs, report, s.jobs, c, s.repeats);
                    }
                } else if (selected(Workload.latency) || selected(Workload.latency_backlog)) {
                    // the latency runs alone: without this their systems were measured cold (jobfleet's
                    // p50 0.5 ms higher, db-scheduler's 0.2, on 2026-12-02: docs/benchmarks.md)
                    warmUp(runs, throughputRuns(server, schemas, statements, s).only(latencySystems()), s);
                }
                if (selected(Workload.latency)) {
                    LatencyRounds jobfleetRounds = new LatencyRounds(peers);
                    LatencyRounds dbSchedulerRounds = new LatencyRounds(true);
                    for (int i = 1; i <= s.repeats; i++) {
                        String round = s.repeats > 1 ? " (round " + i + "/" + s.repeats + ")" : "";
                        runs.run("latency jobfleet" + round, () -> jobfleet.latencyRound(s.latencyJobs, jobfleetRounds));
                        if (peers) {
                            runs.run("latency db-scheduler" + round,
                                    () -> dbScheduler.latencyRound(s.latencyJobs, dbSchedulerRounds));
                        }
                    }
                    if (jobfleetRounds.rounds() > 0) {
                        jobfleet.reportLatency(jobfleetRounds);
                    }
                    if (peers) {
                        if (dbSchedulerRounds.rounds() > 0) {
                            dbScheduler.reportLatency(dbSchedulerRounds);
                        }
                        int fromApp = Math.min(s.latencyJobs, quick ? 20 : 200);
                        runs.run("latency db-scheduler, enqueued by another process",
                                () -> dbScheduler.latencyFromAnotherProcess(fromApp));
                        runs.run("latency JobRunr", () -> jobRunr.latency(s.jobrunrLatencyJobs));
                        report.note("JobRunr latency: each job is enqueued just after a poll picked up the previous "
                                + "one, so it waits nearly a whole " + JobRunrBench.POLL_INTERVAL.toSeconds() + " s poll "
                                + "interval; a job enqueued at a random time waits half of it on average");
                    }
                }
                if (selected(Workload.latency_backlog)) {
                    runs.run("latency jobfleet under a backlog of " + s.backlog + " jobs",
                            () -> jobfleet.latencyUnderBacklog(s.latencyJobs, s.backlog));
                }
                if (selected(Workload.latency_floor)) {
                    runs.run("latency floor (PostgreSQL's own path, no job system)",
                            () -> new LatencyFloorBench(server, schemas, report).run(s.latencyJobs, s.repeats));
                    LatencyFloorBench.ratios(report);
                }
                if (selected(Workload.idle)) {
                    for (int n : s.idleWorkers) {
                        runs.run("idle jobfleet (" + n + " worker(s), " + s.idle.toSeconds() + " s)",
                                () -> new IdleBench(server, schemas, report, statements).run(s.idle, n));
                    }
                }
                if (selected(Workload.rescue)) {
                    runs.run("rescue jobfleet (kill -9)", () -> new RescueBench(server, schemas, report).run());
                }
                if (selected(Workload.rss)) {
                    RssBench rss = new RssBench(server, schemas, report);
                    for (List<String> flags : rssFlagSets()) {
                        runs.run("rss jobfleet worker JVM (" + (flags.isEmpty() ? "default flags" : String.join(" ", flags))
                                + ")", () -> rss.run(s.jobs, flags, s.settle, s.drainTimeout));
                    }
                }
                if (selected(Workload.keys)) {
                    JobfleetBench defaults = new JobfleetBench(server, schemas, report, statements, null);
                    Interleaved keyed = new KeysBench(server, schemas, defaults, s.drainTimeout).runs();
                    for (int c : concurrency) {
                        keyed.run(runs, report, KeysBench.WORKLOAD, s.jobs, c, s.repeats);
                    }
                    KeysBench.ratios(report, concurrency);
                }
                if (selected(Workload.table_size)) {
                    TableSizeBench tables = new TableSizeBench(server, schemas, report, jobfleet);
                    for (TableSizeBench.Table t : TableSizeBench.tables(s.tableSizes, s.backlog)) {
                        runs.run("table-size jobfleet (" + t.label() + ")",
                                () -> tables.run(t, s.jobs, concurrency.get(0), s.tableDrains, s.drainTimeout));
                    }
                }
                if (selected(Workload.processes)) {
                    ProcessesBench fleet = new ProcessesBench(server, schemas, report);
                    for (int n : s.processes) {
                        runs.run("processes jobfleet (" + n + " worker JVMs)",
                                () -> fleet.run(n, processThreads, s.jobs, s.drainTimeout));
                    }
                }
                if (selected(Workload.pooler)) {
                    if (PgBouncerProcess.binary().isPresent() || only != null && only.contains(Workload.pooler)) {
                        new PoolerBench(server, schemas, report, statements).run(runs, s.jobs, concurrency.get(0),
                                s.repeats, s.latencyJobs, s.drainTimeout);
                    } else {
                        report.note("pooler: skipped, pgbouncer is not installed (apt-get install pgbouncer); "
                                + "--only pooler runs it anyway and fails");
                    }
                }
                if (selected(Workload.cost)) {
                    runs.run("cost per job jobfleet (" + s.costJobs + " jobs)",
                            () -> new CostBench(server, schemas, report, statements).run(s.costJobs, s.drainTimeout));
                }
                if (selected(Workload.start)) {
                    runs.run("start to first claim jobfleet worker JVM",
                            () -> new StartBench(server, schemas, report).run(startRuns != null ? startRuns : quick ? 1 : 3,
                                    flagSets(startFlags)));
                }
                if (only != null && only.contains(Workload.jobspage)) {
                    int rows = jobsPageRows != null ? jobsPageRows : quick ? 20_000 : 1_000_000;
                    runs.run("jobs page on " + rows + " jobs",
                            () -> new JobsPageBench(server, schemas, report).run(rows, quick ? 5 : 50));
                }
                if (pgbench) {
                    runs.run("pgbench -N", () -> new Pgbench(server, report).run());
                }
            } finally {
                schemas.dropAll();
            }
            failures = runs.failures();
        }
        ratios(report);
        report.context("load average at end", MachineInfo.loadAverage());
        PrintWriter out = spec.commandLine().getOut();
        report.print(out);
        out.flush();
        if (json != null) {
            report.writeJson(json);
            err.println("bench: figures written to " + json);
        }
        return failures == 0 ? 0 : 1;
    }

    /** The systems whose throughput is measured: jobfleet, and with --peers db-scheduler and JobRunr. */
    private Interleaved throughputRuns(BenchServer server, Schemas schemas, StatementStats statements, Settings s) {
        Interleaved systems = new Interleaved().settleWith(server::settle).add(JobfleetBench.SYSTEM, (into, n, c) ->
                new JobfleetBench(server, schemas, into, statements, null).throughput(n, c, s.drainTimeout))
                .add(JobfleetBench.THROUGHPUT_SYSTEM, (into, n, c) -> new JobfleetBench(server, schemas, into, statements,
                        throughputPrefetch()).throughput(n, c, s.drainTimeout));
        if (peers) {
            systems.add(DbSchedulerBench.SYSTEM, (into, n, c) ->
                    new DbSchedulerBench(server, schemas, into).throughput(n, c, s.drainTimeout));
            systems.add(JobRunrBench.SYSTEM, (into, n, c) ->
                    new JobRunrBench(server, schemas, into).throughput(n, c, s.drainTimeout));
        }
        return systems;
    }

    /** The systems whose latency is measured in this JVM: jobfleet, and with --peers db-scheduler (JobRunr's is its poll). */
    private List<String> latencySystems() {
        return peers && selected(Workload.latency) ? List.of(JobfleetBench.SYSTEM, DbSchedulerBench.SYSTEM)
                : List.of(JobfleetBench.SYSTEM);
    }

    /** Untimed drains per system for at least the warm-up time, figures thrown away: JIT compilation and pools warm up alike. */
    private void warmUp(Runs runs, Interleaved systems, Settings s) {
        int c = concurrency.get(0);
        systems.each((system, run) -> {
            long until = System.nanoTime() + s.warmup.toNanos();
            int batch = 0;
            do {
                batch++;
                runs.run("warm-up " + system + " (batch " + batch + ", " + s.jobs + " jobs, not reported)",
                        () -> run.throughput(new Report(), s.jobs, c));
            } while (System.nanoTime() - until < 0);
        });
    }

    private boolean selected(Workload w) {
        return only == null || only.isEmpty() || only.contains(w);
    }

    private void ratios(Report report) {
        if (!peers) {
            return;
        }
        for (String system : List.of(JobfleetBench.SYSTEM, JobfleetBench.THROUGHPUT_SYSTEM)) {
            for (int c : concurrency) {
                String name = "jobs/s c=" + c;
                for (String peer : List.of(DbSchedulerBench.SYSTEM, JobRunrBench.SYSTEM)) {
                    var ours = report.find("throughput", system, name);
                    var theirs = report.find("throughput", peer, name);
                    if (ours.isPresent() && theirs.isPresent()) {
                        String label = "throughput ratio vs " + peer + (c == 8 ? "" : " at concurrency " + c)
                                + (system.equals(JobfleetBench.SYSTEM) ? "" : " with the throughput setting");
                        report.ratio(label, ours.get().value() / theirs.get().value());
                    }
                }
            }
        }
    }

    /**
     * The worker JVMs' flag sets of the rss workload: {@code --rss-flags}, else the JVM's defaults
     * and the shipped options (with {@code --quick} only the shipped options).
     */
    private List<List<String>> rssFlagSets() {
        if (rssFlags == null || rssFlags.isEmpty()) {
            return quick ? List.of(ShippedJvm.OPTIONS) : List.of(List.of(), ShippedJvm.OPTIONS);
        }
        return flagSets(rssFlags);
    }

    /** Each of {@code occurrences} split at spaces; blank or 'default': no flags. */
    private static List<List<String>> flagSets(List<String> occurrences) {
        if (occurrences == null) {
            return List.of();
        }
        return occurrences.stream().map(f -> f.isBlank() || f.strip().equals("default") ? List.<String>of()
                : List.of(f.strip().split("\\s+"))).toList();
    }

    /** The throughput setting's prefetch: {@code --prefetch}, else three per thread. */
    private Integer throughputPrefetch() {
        return prefetch != null ? prefetch : JobfleetBench.THREE_PER_THREAD;
    }

    /** The counts in force, after --quick and explicit options. */
    record Settings(int jobs, Duration warmup, int repeats, int tableDrains, int latencyJobs, int jobrunrLatencyJobs, Duration idle,
                    Duration settle, Duration drainTimeout, List<Long> tableSizes, long backlog, List<Integer> processes,
                    int costJobs, List<Integer> idleWorkers) {
    }

    /**
     * Refuses a count or a time that cannot be meant (exit code 2, as for a misspelled option): a
     * negative --warmup-seconds ran one batch as if it were 0, and --jobs -5 was taken as given.
     */
    private void checkCounts() {
        atLeast("--jobs", jobs, 1);
        atLeast("--warmup-seconds", warmupSeconds, 0);
        atLeast("--runs", repeats, 1);
        atLeast("--table-drains", tableDrains, 1);
        atLeast("--latency-jobs", latencyJobs, 1);
        atLeast("--jobrunr-latency-jobs", jobrunrLatencyJobs, 1);
        atLeast("--idle-seconds", idleSeconds, 1);
        atLeast("--prefetch", prefetch, 0);
        atLeast("--start-runs", startRuns, 1);
        atLeast("--jobs-page-rows", jobsPageRows, 1);
        atLeast("--backlog", backlog, 0);
        atLeast("--cost-jobs", costJobs, 1);
        atLeast("--process-threads", processThreads, 1);
        eachAtLeast("--concurrency", concurrency, 1);
        eachAtLeast("--table-sizes", tableSizes, 0);
        eachAtLeast("--processes", processes, 1);
        eachAtLeast("--idle-workers", idleWorkers, 1);
    }

    private void atLeast(String option, Number value, long min) {
        if (value != null && value.longValue() < min) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    option + " must be at least " + min + " (got " + value + ")");
        }
    }

    private void eachAtLeast(String option, List<? extends Number> values, long min) {
        if (values != null) {
            values.forEach(v -> atLeast(option, v, min));
        }
    }

    Settings settings() {
        int n = jobs != null ? jobs : quick ? 500 : 20_000;
        return new Settings(n,
                Duration.ofSeconds(warmupSeconds != null ? warmupSeconds : quick ? 0 : 30),
                repeats != null ? repeats : quick ? 1 : 3,
                tableDrains != null ? tableDrains : quick ? 1 : 7,
                latencyJobs != null ? latencyJobs : quick ? 50 : 1000,
                jobrunrLatencyJobs != null ? jobrunrLatencyJobs : quick ? 5 : 60,
                Duration.ofSeconds(idleSeconds != null ? idleSeconds : quick ? 60 : 120),
                Duration.ofSeconds(quick ? 2 : 5),
                Duration.ofSeconds(Math.max(120, n / 20)),
                given(tableSizes, quick ? List.of(0L, 20_000L) : List.of(0L, 1_000_000L, 10_000_000L)),
                backlog != null ? backlog : quick ? 2_000 : 100_000,
                given(processes, quick ? List.of(1, 2) : List.of(1, 2, 4, 8)),
                costJobs != null ? costJobs : quick ? 200 : 5_000,
                given(idleWorkers, quick ? List.of(1, 10) : List.of(1, 50)));
    }

    /** A list option's value, or {@code otherwise} when neither the option nor its variable gave one. */
    private static <T> List<T> given(List<T> value, List<T> otherwise) {
        return value == null || value.isEmpty() ? otherwise : value;
    }

    /** Reads {@code table-size} as well as {@code table_size}. */
    static final class WorkloadConverter implements CommandLine.ITypeConverter<Workload> {
        @Override
        public Workload convert(String value) {
            try {
                return Workload.parse(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException("unknown workload '" + value + "'; one of "
                        + new WorkloadNames());
            }
        }
    }

    /** The version in the jar's manifest. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = BenchMain.class.getPackage().getImplementationVersion();
            return new String[] {"jobfleet bench " + (v == null ? "(development build)" : v)};
        }
    }

    /** Runs workloads one after another; a failed one is reported and the others still run. */
    static final class Runs {
        interface Body {
            void run() throws Exception;
        }

        private final PrintWriter err;
        private final Report report;
        private final List<String> failed = new ArrayList<>();

        Runs(PrintWriter err, Report report) {
            this.err = err;
            this.report = report;
        }

        void run(String name, Body body) {
            err.println("bench: " + name + " ...");
            err.flush();
            long t0 = System.nanoTime();
            try {
                body.run();
                err.printf(Locale.ROOT, "bench: %s done in %.1f s%n", name, (System.nanoTime() - t0) / 1e9);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted during " + name, e);
            } catch (Exception e) {
                failed.add(name);
                report.note("FAILED: " + name + ": " + e);
                err.println("bench: " + name + " FAILED: " + e);
            }
            err.flush();
        }

        int failures() {
            return failed.size();
        }
    }
}
