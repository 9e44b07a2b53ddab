package io.jobfleet.fleet.chaos;

import io.jobfleet.config.DbConfig;
import io.jobfleet.config.DurationConverter;
import io.jobfleet.db.Database;
import io.jobfleet.db.Migrations;
import io.jobfleet.family.WorkerFamily;
import io.jobfleet.fleet.local.LocalPostgres;
import io.jobfleet.fleet.local.WorkerHandle;
import io.jobfleet.fleet.local.WorkerLauncher;
import io.jobfleet.fleet.mix.FleetSnapshot;
import io.jobfleet.llm.sim.LlmSimulator;
import io.jobfleet.llm.sim.SimulatorConfig;
import io.jobfleet.testing.PgBouncerProcess;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.Random;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code chaos}: a soak of mixed jobs across several worker processes per family against the LLM
 * simulator with injected faults, while workers are killed (SIGKILL, SIGTERM), paused past their
 * lease (SIGSTOP/SIGCONT), PostgreSQL restarts, poison and oversized inputs arrive and jobs are
 * cancelled mid-run; then the invariants are checked and printed. Loopback only; bounded in time;
 * every process it started is stopped at the end.
 */
@Command(name = "chaos", mixinStandardHelpOptions = true,
        description = {"Kill, restart, fault and poison the fleet, then check that nothing was lost or done twice.",
                "Exits 0 when every invariant holds, 1 otherwise."})
public final class ChaosCommand implements Callable<Integer> {
    private static final String[] ACTIONS = {"SIGKILL", "cancel", "SIGTERM", "pg-restart", "SIGSTOP", "SIGKILL", "cancel"};

    @Spec
    CommandSpec spec;

    @Option(names = "--quick", description = "The CI-sized run: about 1 minute of chaos.")
    boolean quick;

    @Option(names = "--duration", defaultValue = "10m", converter = DurationConverter.class,
            description = "How long the chaos lasts before the drain (default ${DEFAULT-VALUE}; --quick: 60s).")
    Duration duration;

    @Option(names = "--workers-per-family", defaultValue = "2", description = "Worker processes per family (default ${DEFAULT-VALUE}).")
    int perFamily;

    @Option(names = "--fault-rate", defaultValue = "0.1", description = "Share of LLM calls that fail (default ${DEFAULT-VALUE}).")
    double faultRate;

    @Option(names = "--seed", defaultValue = "20261123", description = "Seed of the disruption schedule.")
    long seed;

    @Option(names = "--work-dir", description = "Where the database, files and logs go (default: a new temp folder).")
    Path workDir;

    /** How the workers reach PostgreSQL. */
    enum PoolerChoice { none, pgbouncer }

    @Option(names = "--pooler", paramLabel = "POOLER", defaultValue = "${env:JOBFLEET_CHAOS_POOLER:-none}",
            description = {"none: workers connect to PostgreSQL directly; pgbouncer: through a real PgBouncer "
                    + "(Debian's pgbouncer package) in pool_mode = transaction with " + BOUNCER_POOL + " server "
                    + "connections, started by the run, workers with --db-pooler=transaction and LISTEN on a direct "
                    + "--listen-url (env JOBFLEET_CHAOS_POOLER; default ${DEFAULT-VALUE})."})
    PoolerChoice pooler;

    private final List<WorkerFamily> families;
    private final List<Disruption> disruptions = new ArrayList<>();
    private static final Duration LEASE = Duration.ofSeconds(5);
    private static final Duration RESCUE_INTERVAL = Duration.ofSeconds(2);
    /** A SIGSTOP lasts past the lease, so the paused worker's jobs are rescued while it sleeps. */
    private static final Duration PAUSE = LEASE.plusSeconds(3);
    /** Server connections PgBouncer may open for the whole fleet, far fewer than the workers' pools. */
    static final int BOUNCER_POOL = 10;

    public ChaosCommand(List<WorkerFamily> families) {
        this.families = families;
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        Duration chaosTime = quick ? Duration.ofSeconds(60) : duration;
        Duration actionEvery = quick ? Duration.ofSeconds(7) : Duration.ofSeconds(15);
        Path work = workDir != null ? workDir : Files.createTempDirectory("jobfleet-chaos-");
        Random random = new Random(seed);
        out.printf("jobfleet chaos: %s of disruptions every %s, %d workers per family, %.0f%% LLM faults (work folder %s)%n",
                chaosTime, actionEvery, perFamily, faultRate * 100, work);
        out.flush();
        LocalPostgres pg = LocalPostgres.start(work.resolve("pgdata"));
        PgBouncerProcess bouncer = null;
        try (LlmSimulator sim = new LlmSimulator(SimulatorConfig.ephemeral()
                .withLatency(Duration.ofMillis(30), Duration.ofMillis(100))
                .withFaults(faultRate, seed, Duration.ofSeconds(3))).start()) {
            DbConfig db = pg.config("jobfleet", "public");
            if (pooler == PoolerChoice.pgbouncer) {
                bouncer = PgBouncerProcess.start(PgBouncerProcess.binary().orElseThrow(() -> new IllegalStateException(
                        "--pooler pgbouncer: pgbouncer is not installed (apt-get install pgbouncer)")),
                        db.url(), db.user(), "", BOUNCER_POOL);
                out.printf("workers connect through PgBouncer (transaction mode, %d server connections) at %s%n",
                        BOUNCER_POOL, bouncer.url());
            }
            List<String> connection = connectionFlags(db, bouncer == null ? null : bouncer.url());
            WorkerLauncher launcher = new WorkerLauncher(work.resolve("logs"),
                    List.of("-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"));
            try (Database database = Database.open(db, "jobfleet-chaos");
                 ChaosFleet fleet = new ChaosFleet(launcher, family -> Stream.concat(Stream.concat(connection.stream(),
                         Stream.of("--llm-base-url=" + sim.baseUrl(), "--lease=" + LEASE.toSeconds() + "s",
                         "--rescue-interval=" + RESCUE_INTERVAL.toSeconds() + "s", "--retry-base=500ms",
                         "--retry-max=3s", "--grace=5s", "--concurrency=4", "--http-port=0", "--log-format=json",
                         "--startup-timeout=120s")), WorkerLauncher.documentFlags(family, work.resolve("files")).stream())
                         .toList())) {
                Migrations m = new Migrations(database.dataSource(), database.schema());
                m.migrate();
                for (WorkerFamily f : families) {
                    f.appSchemaLocation().ifPresent(loc -> m.migrateAppSchema(f.name(), loc, "public"));
                }
                for (WorkerFamily f : families) {
                    for (int i = 0; i < perFamily; i++) {
                        fleet.start(f.name());
                    }
                }
                ChaosProducer producer = new ChaosProducer(database, work.resolve("files"));
                runChaos(out, chaosTime, actionEvery, random, pg, database, fleet, producer);
                boolean drained = drain(out, database, fleet);
                out.println();
                out.println("invariants:");
                ChaosInvariants inv = new ChaosInvariants(database, out);
                boolean ok = inv.check(producer.enqueued(), disruptions, LEASE.plus(RESCUE_INTERVAL).plusSeconds(1), PAUSE);
                out.printf("disruptions: %d (%s); worker processes started: %d%n", disruptions.size(), summary(),
                        fleet.startedCount());
                out.println(ok && drained ? "chaos: every invariant holds" : "chaos: FAILED " + inv.broken());
                return ok && drained ? 0 : 1;
            }
        } finally {
            if (bouncer != null) {
                bouncer.close();
            }
            pg.close();
        }
    }

    /**
     * The workers' connection flags: straight to {@code db}, or through the pooler at
     * {@code poolerUrl} in transaction mode, with LISTEN on a direct connection.
     */
    static List<String> connectionFlags(DbConfig db, String poolerUrl) {
        if (poolerUrl == null) {
            return List.of("--db-url=" + db.url(), "--db-user=" + db.user());
        }
        return List.of("--db-url=" + poolerUrl, "--db-user=" + db.user(), "--db-pooler=transaction",
                "--listen-url=" + db.url());
    }

    private void runChaos(PrintWriter out, Duration chaosTime, Duration actionEvery, Random random, LocalPostgres pg,
                          Database db, ChaosFleet fleet, ChaosProducer producer) throws InterruptedException {
        long end = System.nanoTime() + chaosTime.toNanos();
        long nextAction = System.nanoTime() + actionEvery.toNanos();
        int action = 0;
        while (System.nanoTime() < end) {
            producer.produceBatch();
            if (System.nanoTime() >= nextAction) {
                disrupt(out, ACTIONS[action++ % ACTIONS.length], random, pg, db, fleet);
                nextAction = System.nanoTime() + actionEvery.toNanos();
            }
            out.flush();
            Thread.sleep(1000);
        }
    }

    private void disrupt(PrintWriter out, String what, Random random, LocalPostgres pg, Database db, ChaosFleet fleet)
            throws InterruptedException {
        switch (what) {
            case "pg-restart" -> {
                record(what, 0);
                pg.stop();
                out.printf("%s  PostgreSQL stopped%n", Instant.now());
                Thread.sleep(5000); // the outage itself
                pg.restart();
                out.printf("%s  PostgreSQL started again after 5 s%n", Instant.now());
            }
            case "cancel" -> {
                List<Long> ids = db.jdbi().withHandle(h -> h.createQuery("SELECT id FROM \"" + db.schema()
                        + "\".jobs WHERE status IN ('pending', 'running') ORDER BY random() LIMIT 3").mapTo(Long.class).list());
                ids.forEach(db.queue()::cancel);
                record(what, 0);
                out.printf("%s  cancelled jobs %s%n", Instant.now(), ids);
            }
            default -> {
                WorkerHandle w = fleet.pick(random);
                if (w == null) {
                    return;
                }
                record(what, w.pid());
                switch (what) {
                    case "SIGKILL" -> w.kill9();
                    case "SIGTERM" -> {
                        w.signal("TERM");
                        w.waitFor(Duration.ofSeconds(20));
                    }
                    default -> {
                        w.signal("STOP");
                        out.printf("%s  SIGSTOP worker %s (pid %d) for %d s, past its lease%n", Instant.now(), w.name(),
                                w.pid(), PAUSE.toSeconds());
                        Thread.sleep(PAUSE.toMillis()); // paused past its lease on purpose
                        w.signal("CONT");
                        return;
                    }
                }
                fleet.forget(w);
                out.printf("%s  %s worker %s (pid %d); starting a replacement%n", Instant.now(), what, w.name(), w.pid());
                fleet.start(w.family());
            }
        }
    }

    private boolean drain(PrintWriter out, Database db, ChaosFleet fleet) throws InterruptedException {
        out.printf("%s  chaos over; draining%n", Instant.now());
        long deadline = System.nanoTime() + Duration.ofMinutes(quick ? 4 : 8).toNanos();
        while (System.nanoTime() < deadline) {
            FleetSnapshot s = FleetSnapshot.take(db);
            if (s.allFinished() == s.all()) {
                out.printf("%s  drained: %s%n", Instant.now(), s.line());
                return true;
            }
            Thread.sleep(1000);
        }
        out.printf("drain did not finish: %s%n", FleetSnapshot.take(db).line());
        return false;
    }

    private void record(String what, long pid) {
        disruptions.add(new Disruption(what, pid, Instant.now()));
    }

    private String summary() {
        java.util.Map<String, Long> counts = new java.util.TreeMap<>();
        disruptions.forEach(d -> counts.merge(d.what(), 1L, Long::sum));
        return counts.toString();
    }
}
