package io.jobfleet.cli;

import io.jobfleet.config.DurationConverter;
import io.jobfleet.config.DbConfig;
import io.jobfleet.config.EngineConfig;
import io.jobfleet.daemon.DaemonConfig;
import io.jobfleet.daemon.WorkerDaemon;
import io.jobfleet.db.Database;
import io.jobfleet.db.DatabaseHealth;
import io.jobfleet.db.Migrations;
import io.jobfleet.engine.Worker;
import io.jobfleet.family.WorkerFamily;
import io.jobfleet.llm.LlmOptions;
import io.jobfleet.mapping.AppMapping;
import io.jobfleet.mapping.CatalogCheck;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code run}: the worker daemon. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run the worker daemon: claim and run this family's jobs until SIGTERM.")
public final class RunCommand implements Callable<Integer> {
    private static final Logger log = LoggerFactory.getLogger(RunCommand.class);

    @ParentCommand
    JobfleetCommand root;

    @Spec
    CommandSpec spec;

    @Mixin
    DbOptions db;

    @Mixin
    EngineOptions engine;

    @Mixin
    LlmOptions llm;

    @Mixin
    HttpOptions http;

    @Mixin
    RetentionOptions retention;

    @Mixin
    TracingOptions tracing;

    @Mixin
    AppMappingOptions appMapping;

    @Option(names = "--log-format", paramLabel = "FORMAT", defaultValue = "${env:JOBFLEET_LOG_FORMAT:-auto}",
            description = "auto (JSON when not on a terminal), json or text (env JOBFLEET_LOG_FORMAT).")
    String logFormat;

    @Option(names = "--startup-timeout", paramLabel = "DURATION", defaultValue = "${env:JOBFLEET_STARTUP_TIMEOUT:-60s}",
            converter = DurationConverter.class,
            description = "How long to wait for the database at start before exiting with code 4 "
                    + "(env JOBFLEET_STARTUP_TIMEOUT, default ${DEFAULT-VALUE}).")
    Duration startupTimeout;

    @Override
    public Integer call() throws Exception {
        WorkerFamily family = root.family();
        if (family == null) {
            throw new CommandFailure(ExitCodes.USAGE, "run needs a worker family: use worker-ai, worker-documents "
                    + "or worker-collections (./jobfleet ai run, ...)");
        }
        EngineConfig config = engine.toConfig(family.queue());
        DbConfig dbConfig = db.toConfig(config.concurrency() + DbConfig.POOL_SIZE_ABOVE_CONCURRENCY);
        AppMapping mapping = appMapping.resolve(family, dbConfig.appSchema()).orElse(null);
        DaemonConfig daemonConfig = new DaemonConfig(family, config, dbConfig, http.toConfig(), retention.toConfig(),
                llm.toConfig(), tracing.toConfig());
        try (WorkerDaemon daemon = WorkerDaemon.open(daemonConfig)) {
            awaitSchema(daemon.database());
            if (mapping != null) {
                // before the first claim: a worker whose app tables do not fit would fail every job
                CatalogCheck.require(daemon.database().jdbi(), mapping);
            }
            Worker worker = daemon.createWorker(mapping);
            ShutdownSignals.install(worker, config.grace());
            daemon.start();
            daemon.awaitStopped();
        }
        return ExitCodes.OK;
    }

    static void requireCurrentSchema(Database database) {
        new Migrations(database.dataSource(), database.schema()).requireCurrent();
    }

    /** Waits for the database (it may start after us) and refuses a schema that is behind. */
    private void awaitSchema(Database database) throws InterruptedException {
        long deadline = System.nanoTime() + startupTimeout.toNanos();
        boolean logged = false;
        while (true) {
            try {
                requireCurrentSchema(database);
                return;
            } catch (RuntimeException e) {
                if (!DatabaseHealth.isConnectionProblem(e) || System.nanoTime() - deadline > 0) {
                    throw e;
                }
                if (!logged) {
                    log.warn("waiting up to {} s for the database: {}", startupTimeout.toSeconds(),
                            JobfleetCli.message(e).replace("\n", "; ")); // one log line, its hint included
                    logged = true;
                }
                Thread.sleep(1000);
            }
        }
    }
}
