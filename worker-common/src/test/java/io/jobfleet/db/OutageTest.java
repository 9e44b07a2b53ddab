package io.jobfleet.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.jobfleet.config.DbConfig;
import io.jobfleet.config.Secret;
import io.jobfleet.engine.JobOutcome;
import io.jobfleet.testing.TestHandler;
import io.jobfleet.testing.TestPostgres;
import io.jobfleet.testing.TestWorkers;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * PostgreSQL stops for 10 s under load and starts again on the same data: the workers keep
 * running, resume by themselves, and every job completes exactly once.
 */
@Tag("slow")
class OutageTest {
    private static final int JOBS = 3000;

    @Test
    void workersRideOutADatabaseRestart() throws Exception {
        Path data = Files.createTempDirectory("jobfleet-outage-pg");
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        EmbeddedPostgres pg = TestPostgres.start(data, port);
        DbConfig config = new DbConfig("jdbc:postgresql://localhost:" + pg.getPort() + "/postgres", "postgres", Secret.empty(),
                "jobfleet", "public", 12);
        List<Database> pools = new ArrayList<>();
        try {
            try (Database setup = Database.open(config, "outage-setup")) {
                new Migrations(setup.dataSource(), "jobfleet").migrate();
                setup.jdbi().useHandle(h -> {
                    h.execute("CREATE TABLE executions (job_id bigint NOT NULL)");
                    h.execute("INSERT INTO jobfleet.jobs (queue, kind) SELECT 'out', 'work' FROM generate_series(1, "
                            + JOBS + ")");
                });
            }
            TestHandler<com.fasterxml.jackson.databind.JsonNode> work = TestHandler.json("work", (p, ctx) -> {
                Thread.sleep(5);
                return JobOutcome.done(null, h -> h.createUpdate("INSERT INTO executions VALUES (:id)")
                        .bind("id", ctx.jobId()).execute());
            });
            try (TestWorkers workers = new TestWorkers()) {
                for (int i = 0; i < 2; i++) {
                    Database db = Database.open(config, "outage-" + i);
                    pools.add(db);
                    workers.start(db, TestWorkers.builder("out").concurrency(4).build(), work);
                }
                Database probe = pools.get(0);
                await().atMost(Duration.ofSeconds(60)).until(() -> completed(probe) >= JOBS / 10);

                long before = completed(probe);
                pg.close();
                long stoppedAt = System.nanoTime();
                System.out.printf("PostgreSQL stopped with %d of %d jobs completed%n", before, JOBS);
                Thread.sleep(10_000); // the outage itself: the server stays down this long
                pg = TestPostgres.start(data, port);
                System.out.printf("PostgreSQL back after %d ms%n", (System.nanoTime() - stoppedAt) / 1_000_000);

                await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(500))
                        .until(() -> completed(probe) == JOBS);
            }
            try (Database check = Database.open(config, "outage-check")) {
                long rows = check.jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM executions")
                        .mapTo(Long.class).one());
                long distinct = check.jdbi().withHandle(h -> h.createQuery(
                        "SELECT count(DISTINCT job_id) FROM executions").mapTo(Long.class).one());
                long unfinished = check.jdbi().withHandle(h -> h.createQuery(
                        "SELECT count(*) FROM jobfleet.jobs WHERE status <> 'completed'").mapTo(Long.class).one());
                assertThat(unfinished).isZero();
                assertThat(rows).as("each job's effect exactly once").isEqualTo(JOBS);
                assertThat(distinct).isEqualTo(JOBS);
            }
        } finally {
            pools.forEach(Database::close);
            pg.close();
        }
    }

    private static long completed(Database db) {
        try {
            return db.jdbi().withHandle(h -> h.createQuery(
                    "SELECT count(*) FROM jobfleet.jobs WHERE status = 'completed'").mapTo(Long.class).one());
        } catch (RuntimeException e) {
            return -1;
        }
    }

    static {
        try {
            Files.createDirectories(Path.of("target"));
        } catch (IOException ignored) {
            // best effort
        }
    }
}
