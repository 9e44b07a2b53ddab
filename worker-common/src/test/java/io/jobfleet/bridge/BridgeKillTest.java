package io.jobfleet.bridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.jobfleet.testing.AppQueues;
import io.jobfleet.testing.TestDatabase;
import io.jobfleet.testing.TestFamily;
import io.jobfleet.testing.WorkerProcess;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A worker JVM running bridged jobs is killed with SIGKILL mid-run; another worker JVM rescues
 * them. The app's rows end completed with attempts 2, and each job's effect happened once.
 */
@Tag("slow")
class BridgeKillTest {
    @RegisterExtension
    static final TestDatabase DB = new TestDatabase();

    @Test
    void rowsOfAKilledWorkersJobsStillEndRightWithEachEffectOnce() {
        AppQueues app = AppQueues.create(DB);
        TestFamily.createExecutionsTable(DB);
        // the async_jobs bridge, its kinds served by the test family's test.work
        BridgeConfig shipped = app.bridge("async-jobs.yaml", "async_jobs");
        BridgeConfig config = new BridgeConfig(shipped.name(), shipped.table(), shipped.id(), shipped.status(),
                new BridgeConfig.Kind("type", Map.of("ai-generation", "test.work"), null), "test", null,
                shipped.payload(), shipped.columns(), null, null);
        new Bridges(DB.db()).install(config);
        List<UUID> rows = List.of(1, 2, 3, 4).stream()
                .map(i -> app.insertAsyncJob("ai-generation", "{\"ms\": 600000, \"sleep_on_attempt\": 1}")).toList();
        String[] flags = {"--concurrency=4", "--lease=3s", "--rescue-interval=1s"};
        try (WorkerProcess victim = WorkerProcess.testWorker("bridge-victim", DB.config(), flags)) {
            await().atMost(Duration.ofSeconds(60)).until(() -> rows.stream().allMatch(id -> app.status("async_jobs", id).equals("running"))
                    && DB.db().jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM " + DB.jobs()
                            + " WHERE status = 'running' AND locked_by LIKE :w").bind("w", victim.workerIdPrefix("test") + "%")
                            .mapTo(Integer.class).one()) == rows.size());
            try (WorkerProcess survivor = WorkerProcess.testWorker("bridge-survivor", DB.config(), flags)) {
                survivor.awaitOutput("started", Duration.ofSeconds(60));
                victim.kill9();
                await().atMost(Duration.ofSeconds(60)).until(() -> rows.stream()
                        .allMatch(id -> app.status("async_jobs", id).equals("completed")));
            }
        }
        for (UUID id : rows) {
            Map<String, Object> row = app.row("async_jobs", id);
            assertThat(row.get("error")).as("a completed row shows no error").isNull();
            assertThat(row.get("result").toString()).contains("\"attempt\": 2");
            assertThat(row.get("started_at")).isNotNull();
            assertThat(row.get("completed_at")).isNotNull();
        }
        List<Long> executions = DB.db().jdbi().withHandle(h -> h.createQuery("SELECT job_id FROM " + app.schema()
                + ".executions ORDER BY job_id").mapTo(Long.class).list());
        List<Long> jobIds = DB.db().jdbi().withHandle(h -> h.createQuery("SELECT id FROM " + DB.jobs()
                + " WHERE bridge = 'async_jobs' ORDER BY id").mapTo(Long.class).list());
        assertThat(executions).as("each job's effect once").containsExactlyElementsOf(jobIds).hasSize(rows.size());
    }
}
