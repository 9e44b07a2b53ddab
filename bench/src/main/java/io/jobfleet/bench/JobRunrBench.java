package io.jobfleet.bench;

import static org.jobrunr.server.BackgroundJobServerConfiguration.usingStandardBackgroundJobServerConfiguration;

import com.zaxxer.hikari.HikariDataSource;
import java.time.Duration;
import java.util.stream.IntStream;
import org.jobrunr.configuration.JobRunr;
import org.jobrunr.configuration.JobRunrConfiguration.JobRunrConfigurationResult;
import org.jobrunr.scheduling.JobScheduler;
import org.jobrunr.storage.StorageProviderUtils.DatabaseOptions;
import org.jobrunr.storage.sql.postgres.PostgresStorageProvider;
import org.jobrunr.utils.mapper.jackson.JacksonJsonMapper;

/**
 * JobRunr 8 (open source) with its PostgreSQL storage provider and Jackson mapper, tables created
 * by JobRunr in a fresh schema per run ({@code tablePrefix "schema."}): {@code andWorkerCount(n)}
 * and its smallest allowed poll interval, 5 s (it refuses less for SQL storage). Jobs are enqueued
 * in bulk with {@code JobScheduler.enqueue(Stream, lambda)}.
 */
final class JobRunrBench {
    static final String SYSTEM = "JobRunr";
    static final Duration POLL_INTERVAL = Duration.ofSeconds(5);
    static final String TUNING = "andWorkerCount(n), andPollInterval(5 s) (its minimum for SQL storage), "
            + "PostgresStorageProvider, JacksonJsonMapper; pool n + 4";

    private final BenchServer server;
    private final Schemas schemas;
    private final Report report;

    JobRunrBench(BenchServer server, Schemas schemas, Report report) {
        this.server = server;
        this.schemas = schemas;
        this.report = report;
    }

    void throughput(int jobs, int workers, Duration timeout) throws InterruptedException {
        String schema = schemas.empty("jobrunr_throughput_" + workers);
        StartMarks marks = new StartMarks(jobs);
        JobRunrJobs.marks = marks;
        long end;
        try (HikariDataSource ds = server.pool("jobrunr-bench", workers + 4, schema)) {
            JobRunrConfigurationResult jobrunr = configure(ds, schema, workers);
            try {
                jobrunr.getJobScheduler().enqueue(IntStream.range(0, jobs).boxed(), n -> JobRunrJobs.noop(n));
                server.execute("ANALYZE " + Schemas.quote(schema) + ".jobrunr_jobs");
                jobrunr.getBackgroundJobServer().start();
                end = Drain.awaitEmpty(server.admin(), "SELECT count(*) FROM " + Schemas.quote(schema)
                        + ".jobrunr_jobs WHERE state <> 'SUCCEEDED'", marks, timeout);
            } finally {
                JobRunr.destroy();
            }
        }
        JobfleetBench.check(marks.count() == jobs, "JobRunr ran " + marks.count() + " of " + jobs + " jobs");
        double seconds = (end - marks.firstNanos()) / 1e9;
        report.add("throughput", SYSTEM, "jobs/s c=" + workers, jobs / seconds, "jobs/s",
                jobs + " jobs via enqueue(Stream); same drain measure; " + TUNING);
        schemas.drop(schema);
    }

    void latency(int jobs) throws InterruptedException {
        String schema = schemas.empty("jobrunr_latency");
        StartMarks marks = new StartMarks();
        JobRunrJobs.marks = marks;
        Latencies latencies = new Latencies();
        try (HikariDataSource ds = server.pool("jobrunr-bench", 12, schema)) {
            JobRunrConfigurationResult jobrunr = configure(ds, schema, 8);
            try {
                jobrunr.getBackgroundJobServer().start();
                Thread.sleep(1000);
                JobScheduler scheduler = jobrunr.getJobScheduler();
                for (long i = 0; i < jobs; i++) {
                    Long key = i;
                    long before = System.nanoTime();
                    scheduler.enqueue(() -> JobRunrJobs.latency(key));
                    latencies.add(marks.awaitStart(key, 60_000) - before);
                }
            } finally {
                JobRunr.destroy();
            }
        }
        latencies.report(report, SYSTEM, "handler start - just before enqueue(lambda), same JVM; 8 workers; " + TUNING);
        schemas.drop(schema);
    }

    private static JobRunrConfigurationResult configure(HikariDataSource ds, String schema, int workers) {
        return JobRunr.configure()
                .useJsonMapper(new JacksonJsonMapper())
                .useStorageProvider(new PostgresStorageProvider(ds, schema + ".", DatabaseOptions.CREATE))
                .useBackgroundJobServer(usingStandardBackgroundJobServerConfiguration()
                        .andWorkerCount(workers)
                        .andPollInterval(POLL_INTERVAL), false)
                .initialize();
    }
}
