package io.jobfleet.bench;

import io.jobfleet.config.DbConfig;
import io.jobfleet.config.EngineConfig;
import io.jobfleet.config.Secret;
import io.jobfleet.db.Database;
import io.jobfleet.engine.JobHandler;
import io.jobfleet.engine.Worker;
import java.lang.management.ManagementFactory;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code bench worker}: a worker process for the rescue and RSS workloads, started by the bench
 * as its own JVM. Runs queue {@value BenchHandlers#QUEUE} with the production engine defaults and
 * the handlers {@value BenchHandlers#NOOP} and {@value BenchHandlers#SLEEP_FIRST} until SIGTERM.
 * Prints {@code started WORKER_ID ...} on stdout once it runs.
 */
@Command(name = "worker", hidden = true, mixinStandardHelpOptions = true,
        description = "Run a benchmark worker process (used by the rescue and RSS workloads).")
final class WorkerCommand implements Callable<Integer> {
    /** The application name of the worker's pool, by which the bench counts its connections. */
    static final String POOL_NAME = "jobfleet-bench-worker";

    @Option(names = "--db-url", required = true, description = "PostgreSQL JDBC URL.")
    String url;

    @Option(names = "--db-user", defaultValue = "${env:JOBFLEET_BENCH_DB_USER}", description = "Database user.")
    String user;

    @Option(names = "--db-password", defaultValue = "${env:JOBFLEET_BENCH_DB_PASSWORD}",
            description = "Database password (env JOBFLEET_BENCH_DB_PASSWORD).")
    String password;

    @Option(names = "--schema", required = true, description = "The jobfleet schema.")
    String schema;

    @Option(names = "--concurrency", defaultValue = "8", description = "Handler threads (default ${DEFAULT-VALUE}).")
    int concurrency;

    @Override
    public Integer call() {
        EngineConfig config = EngineConfig.builder(BenchHandlers.QUEUE).concurrency(concurrency).build();
        DbConfig db = new DbConfig(url, user, Secret.of(password), schema, DbConfig.APP_SCHEMA_DEFAULT,
                concurrency + 4);
        try (Database database = Database.open(db, POOL_NAME)) {
            Worker worker = JobfleetBench.worker(database, config,
                    BenchHandlers.forWorkerProcess().toArray(JobHandler[]::new));
            Runtime.getRuntime().addShutdownHook(new Thread(() -> worker.shutdown(config.grace()), "bench-shutdown"));
            worker.start();
            System.out.println("started " + worker.workerId() + " maxHeapMb=" + Runtime.getRuntime().maxMemory() / 1048576
                    + " gc=" + ManagementFactory.getGarbageCollectorMXBeans().get(0).getName());
            System.out.flush();
            worker.awaitStopped();
        }
        return 0;
    }
}
