package io.jobfleet.fleet.demo;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jobfleet.config.DurationConverter;
import io.jobfleet.config.DbConfig;
import io.jobfleet.db.Database;
import io.jobfleet.db.Migrations;
import io.jobfleet.engine.Payloads;
import io.jobfleet.family.WorkerFamily;
import io.jobfleet.fleet.local.LocalPostgres;
import io.jobfleet.fleet.local.WorkerHandle;
import io.jobfleet.fleet.local.WorkerLauncher;
import io.jobfleet.fleet.mix.AiDemoSeeder;
import io.jobfleet.fleet.mix.CollectionsDemoSeeder;
import io.jobfleet.fleet.mix.DemoSeeder;
import io.jobfleet.fleet.mix.DemoSize;
import io.jobfleet.fleet.mix.DocumentsDemoSeeder;
import io.jobfleet.fleet.mix.Expectation;
import io.jobfleet.fleet.mix.FleetSnapshot;
import io.jobfleet.fleet.mix.MessagesDemoSeeder;
import io.jobfleet.fleet.mix.PoisonSeeder;
import io.jobfleet.llm.sim.LlmSimulator;
import io.jobfleet.messages.sim.ProviderSimConfig;
import io.jobfleet.messages.sim.ProviderSimulator;
import io.jobfleet.llm.sim.SimulatorConfig;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code demo}: the whole fleet end to end on this machine. An embedded PostgreSQL, the LLM
 * simulator, one worker JVM per family, a realistic mix of jobs (with poison payloads, a user over
 * quota and injected LLM faults), a worker killed with SIGKILL midway, and a closing report.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Run the whole fleet end to end on an embedded PostgreSQL (nothing to install).",
                "Exits 0 when every job ended as expected."})
public final class DemoCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--keep", description = "Leave the database running at the end and print its JDBC URL.")
    boolean keep;

    @Option(names = "--quick", description = "A smaller mix (CI-sized).")
    boolean quick;

    @Option(names = "--no-kill", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Kill a worker with SIGKILL midway to show the rescue (default: yes).")
    boolean kill;

    @Option(names = "--lease", defaultValue = "6s", converter = DurationConverter.class,
            description = "Worker lease, short so the rescue shows quickly (default ${DEFAULT-VALUE}; production default 15s).")
    Duration lease;

    @Option(names = "--fault-rate", defaultValue = "0.05",
            description = "Share of LLM calls the simulator fails (429/500/503/slow/invalid), default ${DEFAULT-VALUE}.")
    double faultRate;

    @Option(names = "--max-time", defaultValue = "10m", converter = DurationConverter.class,
            description = "Give up after this long (default ${DEFAULT-VALUE}).")
    Duration maxTime;

    @Option(names = "--work-dir", description = "Where the database, files and logs go (default: a new temp folder).")
    Path workDir;

    @Option(names = "--json", defaultValue = "${env:JOBFLEET_DEMO_JSON:-false}",
            description = "Print the closing report as one JSON object on standard output; progress goes to "
                    + "standard error (env JOBFLEET_DEMO_JSON, default ${DEFAULT-VALUE}).")
    boolean json;

    /** The worker killed midway and its replacement. */
    private record Kill(String worker, long pid, long held, String replacement, long replacementPid) {
    }

    private Kill killEvent;
    /** The message provider simulator's endpoint, while the demo runs. */
    private String providerUrl;

    private final List<WorkerFamily> families;
    private final List<DemoSeeder> seeders;

    public DemoCommand(List<WorkerFamily> families) {
        this.families = families;
        this.seeders = List.of(new AiDemoSeeder(), new DocumentsDemoSeeder(), new CollectionsDemoSeeder(),
                new MessagesDemoSeeder(), new PoisonSeeder());
    }

    @Override
    public Integer call() throws Exception {
        // with --json, standard output carries the report only
        PrintWriter out = json ? spec.commandLine().getErr() : spec.commandLine().getOut();
        Path work = workDir != null ? workDir : Files.createTempDirectory("jobfleet-demo-");
        Files.createDirectories(work.resolve("files"));
        DemoSize size = quick ? DemoSize.quick() : DemoSize.full();
        out.printf("jobfleet demo (work folder %s)%n", work);
        LocalPostgres pg = LocalPostgres.start(work.resolve("pgdata"));
        List<WorkerHandle> workers = new ArrayList<>();
        try (LlmSimulator sim = new LlmSimulator(SimulatorConfig.ephemeral()
                .withLatency(Duration.ofMillis(60), Duration.ofMillis(120))
                .withFaults(faultRate, 7, Duration.ofSeconds(4))).start();
             ProviderSimulator provider = new ProviderSimulator(ProviderSimConfig.ephemeral().withFaultRate(faultRate)
                     .withHang(Duration.ofSeconds(3))).start()) {
            providerUrl = provider.messagesUrl();
            out.printf("  PostgreSQL 17 (embedded) at %s%n", pg.jdbcUrl());
            out.printf("  LLM simulator (not a real model) at %s, %.0f%% injected faults%n", sim.baseUrl(), faultRate * 100);
            out.printf("  message provider simulator (not a real provider) at %s, de-duplicating by key%n",
                    provider.baseUrl());
            DbConfig db = pg.config("jobfleet", "public");
            try (Database database = Database.open(db, "jobfleet-demo")) {
                migrate(database, out);
                WorkerLauncher launcher = new WorkerLauncher(work.resolve("logs"), List.of("-Xmx384m", "-XX:+UseSerialGC"));
                Map<String, WorkerHandle> byFamily = new LinkedHashMap<>();
                for (WorkerFamily f : families) {
                    WorkerHandle w = launcher.start(f.name(), "worker-" + f.name() + "-1",
                            runFlags(f.name(), db, sim, work.resolve("files")));
                    workers.add(w);
                    byFamily.put(f.name(), w);
                    out.printf("  started worker-%s (pid %d)%n", f.name(), w.pid());
                }
                awaitStarted(workers);
                List<Expectation> expected = new ArrayList<>();
                for (DemoSeeder s : seeders) {
                    expected.addAll(s.seed(database, work.resolve("files"), size));
                }
                out.printf("  enqueued %d jobs%n%n", expected.size());
                boolean done = watch(database, out, launcher, workers, byFamily,
                        family -> runFlags(family, db, sim, work.resolve("files")));
                DemoReport report = DemoReport.build(database, expected);
                report.print(out);
                if (!done) {
                    out.printf("the demo gave up after %s with jobs still unfinished%n", maxTime);
                }
                out.println();
                out.println(keep ? "where to look next:" : "where to look next (run the demo with --keep to keep its database):");
                nextSteps(pg).forEach(step -> out.printf("  %s%n", step));
                out.printf("  worker logs (JSON lines with job_id, queue, kind, attempt, worker): %s%n", work.resolve("logs"));
                stopAll(workers);
                if (json) {
                    PrintWriter stdout = spec.commandLine().getOut();
                    stdout.println(Payloads.write(json(report, done, pg, work)));
                    stdout.flush();
                }
                if (keep) {
                    out.printf("%nthe database keeps running: psql -h 127.0.0.1 -p %s -U postgres postgres%n",
                            pg.jdbcUrl().replaceAll(".*:(\\d+)/.*", "$1"));
                    out.printf("JDBC URL: %s (Ctrl-C to stop)%n", pg.jdbcUrl());
                    out.flush();
                    new CountDownLatch(1).await();
                }
                return report.asExpected() && done ? 0 : 1;
            }
        } finally {
            stopAll(workers);
            pg.close();
        }
    }

    private ObjectNode json(DemoReport report, boolean finished, LocalPostgres pg, Path work) {
        ObjectNode root = report.toJson();
        root.put("finished", finished);
        root.put("exit_code", report.asExpected() && finished ? 0 : 1);
        if (killEvent == null) {
            root.putNull("kill");
        } else {
            Kill k = killEvent;
            root.putObject("kill").put("worker", k.worker()).put("pid", k.pid()).put("held", k.held())
                    .put("replacement", k.replacement()).put("replacement_pid", k.replacementPid());
        }
        root.put("database_url", pg.jdbcUrl());
        root.put("work_dir", work.toString());
        root.put("logs", work.resolve("logs").toString());
        nextSteps(pg).forEach(root.putArray("next_steps")::add);
        return root;
    }

    private static List<String> nextSteps(LocalPostgres pg) {
        return List.of("./jobfleet stats --db-url " + pg.jdbcUrl() + " --db-user postgres",
                "./jobfleet diagnose --db-url " + pg.jdbcUrl() + " --db-user postgres");
    }

    private void migrate(Database database, PrintWriter out) {
        Migrations m = new Migrations(database.dataSource(), database.schema());
        m.migrate();
        for (WorkerFamily f : families) {
            f.appSchemaLocation().ifPresent(loc -> m.migrateAppSchema(f.name(), loc, database.config().appSchema()));
        }
        out.printf("  schema jobfleet at version %s, reference app tables created%n", m.state().current());
    }

    private List<String> runFlags(String family, DbConfig db, LlmSimulator sim, Path files) {
        List<String> flags = new ArrayList<>(List.of("--db-url=" + db.url(), "--db-user=postgres",
                "--llm-base-url=" + sim.baseUrl(), "--lease=" + lease.toMillis() + "ms", "--rescue-interval=2s",
                "--retry-base=1s", "--retry-max=5s", "--concurrency=4", "--http-port=0", "--log-format=json"));
        flags.addAll(WorkerLauncher.documentFlags(family, files));
        flags.addAll(WorkerLauncher.messagesFlags(family, providerUrl));
        return flags;
    }

    private static void awaitStarted(List<WorkerHandle> workers) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (!workers.stream().allMatch(WorkerHandle::started)) {
            for (WorkerHandle w : workers) {
                if (!w.isAlive()) {
                    throw new IllegalStateException("worker " + w.name() + " exited at start; see " + w.log());
                }
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("workers did not start within 90 s; see their logs");
            }
            Thread.sleep(100);
        }
    }

    /** Shows progress until every job is finished; kills one worker midway. */
    private boolean watch(Database database, PrintWriter out, WorkerLauncher launcher, List<WorkerHandle> workers,
                          Map<String, WorkerHandle> byFamily, Function<String, List<String>> flags)
            throws InterruptedException {
        long deadline = System.nanoTime() + maxTime.toNanos();
        boolean killed = !kill;
        boolean terminal = System.console() != null;
        long lastPrint = 0;
        while (System.nanoTime() < deadline) {
            FleetSnapshot s = FleetSnapshot.take(database);
            long now = System.nanoTime();
            if (terminal || now - lastPrint > 2_000_000_000L || s.allFinished() == s.all()) {
                out.print(terminal ? "\r\033[K" + s.line() : s.line() + System.lineSeparator());
                out.flush();
                lastPrint = now;
            }
            if (!killed && s.allFinished() * 4 >= s.all() && s.count("documents", "running") > 0) {
                WorkerHandle victim = byFamily.get("documents");
                long holding = s.count("documents", "running");
                victim.kill9();
                killed = true;
                out.printf("%n  >> killed worker-documents (pid %d) with SIGKILL while it held %d job(s); "
                        + "a live worker rescues them when their %d s lease runs out%n", victim.pid(), holding,
                        lease.toSeconds());
                WorkerHandle replacement = launcher.start("documents", "worker-documents-2", flags.apply("documents"));
                workers.add(replacement);
                killEvent = new Kill("worker-documents", victim.pid(), holding, "worker-documents-2",
                        replacement.pid());
                out.printf("  >> started a replacement worker-documents (pid %d)%n", replacement.pid());
            }
            if (s.all() > 0 && s.allFinished() == s.all()) {
                if (terminal) {
                    out.println();
                }
                return true;
            }
            Thread.sleep(terminal ? 250 : 500);
        }
        return false;
    }

    private static void stopAll(List<WorkerHandle> workers) {
        workers.parallelStream().forEach(WorkerHandle::close);
    }
}
