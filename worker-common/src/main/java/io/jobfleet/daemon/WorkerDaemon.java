package io.jobfleet.daemon;

import io.jobfleet.config.RetentionConfig;
import io.jobfleet.db.Database;
import io.jobfleet.db.DatabaseHealth;
import io.jobfleet.db.ScheduleSql;
import io.jobfleet.engine.HandlerRegistry;
import io.jobfleet.engine.Worker;
import io.jobfleet.engine.WorkerId;
import io.jobfleet.family.FamilyRuntime;
import io.jobfleet.llm.LlmClient;
import io.jobfleet.mapping.AppMapping;
import io.jobfleet.maintenance.Pruner;
import io.jobfleet.metrics.HttpEndpoints;
import io.jobfleet.metrics.JobMetrics;
import io.jobfleet.metrics.JvmMeters;
import io.jobfleet.metrics.QueueGauges;
import io.jobfleet.metrics.ReadinessCheck;
import io.jobfleet.metrics.WorkerGauges;
import io.jobfleet.runtime.WorkerRuntime;
import io.jobfleet.schedule.ScheduleRunner;
import io.jobfleet.service.Service;
import io.jobfleet.tracing.Tracing;
import io.jobfleet.tracing.otel.OtelTracing;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One worker process, wired: the pool (with its metrics), the metrics and health server (up
 * before the worker, so liveness answers while the database is awaited), the family's worker,
 * the queue gauges, then, once the worker's first claim round is done, the schedule runner and
 * the pruner. Closing it stops them in reverse and closes the pool.
 */
public final class WorkerDaemon implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(WorkerDaemon.class);
    private static final Duration SERVICE_STOP = Duration.ofSeconds(2);

    private final DaemonConfig config;
    private final String workerId;
    private final PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final JvmMeters jvm;
    private final Database database;
    private final Tracing tracing;
    private final LlmClient llm;
    private final ReadinessCheck readiness;
    private final HttpEndpoints http;
    private final DatabaseHealth health = new DatabaseHealth();
    private final List<Service> services = new ArrayList<>();
    private volatile Worker worker;
    private boolean closed;

    private WorkerDaemon(DaemonConfig config) {
        this.config = config;
        this.workerId = WorkerId.generate(config.family().name());
        this.jvm = JvmMeters.bind(meters);
        this.database = Database.open(config.db(), "jobfleet-" + config.family().name(), meters);
        this.tracing = tracing(config, workerId);
        this.llm = LlmClient.create(config.llm(), meters, new FleetBuckets(database.rates(), workerId), tracing);
        this.readiness = new ReadinessCheck(database.admin().health(), () -> worker != null && worker.isRunning());
        this.http = config.http().enabled()
                ? new HttpEndpoints(config.http(), workerId, meters, () -> worker == null || !worker.isStopped(), readiness)
                : null;
    }

    private static Tracing tracing(DaemonConfig config, String workerId) {
        if (!config.tracing().enabled()) {
            return Tracing.OFF;
        }
        String service = config.tracing().serviceName(config.family().name());
        log.info("traces of attempts and LLM calls go to {} as service {}", config.tracing().endpoint(), service);
        return OtelTracing.export(config.tracing(), service, workerId);
    }

    /** Opens the pool and starts the metrics and health server; the worker comes with {@link #createWorker}. */
    public static WorkerDaemon open(DaemonConfig config) {
        WorkerDaemon d = new WorkerDaemon(config);
        try {
            if (d.http != null) {
                d.http.start();
                log.info("metrics and health on http://{}:{} (worker {}{})", config.http().host(), d.http.port(),
                        d.workerId, config.http().scans() ? ", the first free port from " + config.http().port() : "");
            }
        } catch (RuntimeException e) {
            d.close();
            throw e;
        }
        return d;
    }

    public Database database() {
        return database;
    }

    public String workerId() {
        return workerId;
    }

    public PrometheusMeterRegistry meters() {
        return meters;
    }

    /** The port of the metrics and health server; empty when it is turned off. */
    public OptionalInt httpPort() {
        return http == null ? OptionalInt.empty() : OptionalInt.of(http.port());
    }

    /** Builds the family's worker (not started yet, so shutdown signals can be wired first). */
    public synchronized Worker createWorker() {
        return createWorker(null);
    }

    /**
     * Builds the family's worker on the app tables of {@code mapping} (null: the family's default),
     * which the caller has checked against the catalog.
     */
    public synchronized Worker createWorker(AppMapping mapping) {
        if (worker != null) {
            throw new IllegalStateException("the worker was already created");
        }
        WorkerRuntime rt = new WorkerRuntime(workerId, config.engine(), database, health,
                new JobMetrics(meters), InstantSource.system(), tracing);
        FamilyRuntime frt = new FamilyRuntime(database, meters, workerId, llm, mapping);
        llm.defineFleetLimits();
        Worker w = new Worker(rt, HandlerRegistry.of(config.family().handlers(frt)));
        // while the LLM endpoint's circuit breaker is open, jobs wait in pending instead of failing
        w.claimGate(llm.claimGate());
        config.family().configure(frt);
        WorkerGauges.bind(meters, w);
        worker = w;
        return w;
    }

    /**
     * Starts the worker, then registers the queue gauges (read on scrape); once the worker's first
     * claim round is done (on two cores their first statements slowed it down), or after 2 s when
     * a gate holds claiming back, starts the schedule runner (every process enqueues the due slots
     * of every schedule) and the pruner.
     */
    public synchronized void start() {
        if (worker == null) {
            createWorker();
        }
        worker.start();
        new QueueGauges(database.admin().health(), config.engine().queue(), meters);
        health.afterFirstRound("jobfleet-start-services", this::startServices);
    }

    /** Run once the first claim round is done; nothing starts once {@link #close} has begun. */
    private synchronized void startServices() {
        if (closed) {
            return;
        }
        startService(new ScheduleRunner(new ScheduleSql(database), InstantSource.system(), workerId,
                ScheduleRunner.Config.defaults()));
        if (config.retention().enabled()) {
            startService(new Pruner(database.admin().prune(), config.retention(), workerId));
            log.info("finished jobs older than {} are pruned every {}",
                    RetentionConfig.readable(config.retention().retention()),
                    RetentionConfig.readable(config.retention().interval()));
        }
    }

    private void startService(Service s) {
        s.start();
        services.add(s);
    }

    public void awaitStopped() {
        worker.awaitStopped();
    }

    /** Shuts the worker down (if it still runs) and stops everything else. */
    @Override
    public synchronized void close() {
        closed = true;
        try {
            if (worker != null) {
                worker.shutdown(config.engine().grace());
            }
            for (int i = services.size() - 1; i >= 0; i--) {
                services.get(i).stop(SERVICE_STOP);
            }
            if (http != null) {
                http.stop(SERVICE_STOP);
            }
        } finally {
            readiness.close();
            llm.close();
            tracing.close();
            jvm.close();
            database.close();
            meters.close();
        }
    }
}
