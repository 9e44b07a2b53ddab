package io.jobfleet.lease;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.jobfleet.config.DbConfig;
import io.jobfleet.config.EngineConfig;
import io.jobfleet.config.Pooler;
import io.jobfleet.db.JobRow;
import io.jobfleet.db.NewJob;
import io.jobfleet.engine.Payloads;
import io.jobfleet.testing.JobsTable;
import io.jobfleet.testing.TestDatabase;
import io.jobfleet.testing.TestFamily;
import io.jobfleet.testing.TestPgBouncer;
import io.jobfleet.testing.TestPostgres;
import io.jobfleet.testing.WorkerProcess;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A worker JVM holding jobs is killed with SIGKILL; another worker JVM rescues and completes its
 * jobs within lease + one rescue interval (the defaults: 15 s + 5 s), directly and through a
 * transaction-mode PgBouncer.
 */
@Tag("slow")
class KillRescueTest {
    @RegisterExtension
    static final TestDatabase DB = new TestDatabase();

    private final List<WorkerProcess> survivors = new java.util.ArrayList<>();

    @org.junit.jupiter.api.BeforeEach
    void clean() {
        TestFamily.createExecutionsTable(DB);
        DB.truncateJobs();
        DB.db().jdbi().useHandle(h -> h.execute("TRUNCATE " + DB.app("executions")));
    }

    @org.junit.jupiter.api.AfterEach
    void stopSurvivors() {
        survivors.forEach(WorkerProcess::close);
    }

    @Test
    void jobsOfAKilledWorkerAreRescuedAndCompletedByAnother() {
        Duration bound = EngineConfig.LEASE_DEFAULT.plus(EngineConfig.RESCUE_INTERVAL_DEFAULT);
        killAndRescue(DB.config(), DB.config(), bound);
    }

    /**
     * The same through a real PgBouncer in transaction mode (3 server connections for both
     * workers): the victim polls only, the survivor listens on a direct connection
     * ({@code --listen-url}). Short leases, as the defaults are proven above.
     */
    @Test
    void throughATransactionModePoolerTheRescueWorksTheSame() {
        try (TestPgBouncer bouncer = TestPgBouncer.start(3)) {
            DbConfig pollOnly = bouncer.config(DB.config(), 6, new Pooler(Pooler.Mode.TRANSACTION, null));
            DbConfig directListen = bouncer.config(DB.config(), 6, new Pooler(Pooler.Mode.TRANSACTION, TestPostgres.url()));
            killAndRescue(pollOnly, directListen, Duration.ofSeconds(3 + 1), "--lease=3s", "--rescue-interval=1s");
        }
    }

    private void killAndRescue(DbConfig victimDb, DbConfig survivorDb, Duration bound, String... flags) {
        JobsTable jobs = new JobsTable(DB);
        List<Long> ids = List.of(1, 2, 3, 4).stream()
                .map(i -> jobs.enqueue(NewJob.of("test", "test.work", "{\"ms\": 600000, \"sleep_on_attempt\": 1}")))
                .toList();
        try (WorkerProcess victim = WorkerProcess.testWorker("victim", victimDb, with(flags, "--concurrency=4"))) {
            String victimId = victim.workerIdPrefix("test");
            await().atMost(Duration.ofSeconds(60)).until(() -> jobs.all().stream()
                    .allMatch(j -> j.status().equals("running") && j.lockedBy().startsWith(victimId)));
            WorkerProcess survivor = WorkerProcess.testWorker("survivor", survivorDb, with(flags, "--concurrency=4"));
            survivors.add(survivor);
            survivor.awaitOutput("started", Duration.ofSeconds(60));

            victim.kill9();
            Instant killedAt = Instant.now();

            await().atMost(Duration.ofSeconds(60)).until(() -> jobs.count("completed") == ids.size());

            Duration slowest = Duration.ZERO;
            for (long id : ids) {
                JobRow row = jobs.get(id);
                JsonNode lost = Payloads.tree(row.errors()).get(0);
                assertThat(lost.get("class").asText()).isEqualTo("worker_lost");
                assertThat(lost.get("worker").asText()).startsWith(victimId);
                assertThat(row.attempts()).isEqualTo(2);
                assertThat(row.lockedBy()).startsWith(survivor.workerIdPrefix("test"));
                Duration rescue = Duration.between(killedAt, OffsetDateTime.parse(lost.get("at").asText()).toInstant());
                slowest = rescue.compareTo(slowest) > 0 ? rescue : slowest;
            }
            System.out.printf("kill -9 to rescue: %d ms (bound: lease + rescue interval = %d s)%n",
                    slowest.toMillis(), bound.toSeconds());
            assertThat(slowest).isLessThanOrEqualTo(bound.plusMillis(500));
        }
        survivors.forEach(WorkerProcess::close);
        List<Long> executions = DB.db().jdbi().withHandle(h -> h.createQuery(
                "SELECT job_id FROM " + DB.app("executions") + " ORDER BY job_id").mapTo(Long.class).list());
        assertThat(executions).containsExactlyElementsOf(ids);
    }

    private static String[] with(String[] flags, String more) {
        String[] all = java.util.Arrays.copyOf(flags, flags.length + 1);
        all[flags.length] = more;
        return all;
    }
}
