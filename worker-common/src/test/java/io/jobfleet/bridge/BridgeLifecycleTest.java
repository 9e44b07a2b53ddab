package io.jobfleet.bridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.jobfleet.db.JobRow;
import io.jobfleet.engine.JobOutcome;
import io.jobfleet.engine.PermanentJobException;
import io.jobfleet.engine.RetryableJobException;
import io.jobfleet.testing.AppQueues;
import io.jobfleet.testing.JobsTable;
import io.jobfleet.testing.TestDatabase;
import io.jobfleet.testing.TestHandler;
import io.jobfleet.testing.TestWorkers;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Failures, retries and cancels under a bridge, seen from the app's rows: the failed word and the
 * readable error, attempts counting up through PENDING and PROCESSING, an app-side cancel that
 * interrupts the running handler, and an app-side retry of a failed row.
 */
class BridgeLifecycleTest {
    @RegisterExtension
    static final TestDatabase DB = new TestDatabase();
    static AppQueues app;
    private final JobsTable jobs = new JobsTable(DB);
    private final TestWorkers workers = new TestWorkers();
    private final CountDownLatch started = new CountDownLatch(1);
    private final CountDownLatch interrupted = new CountDownLatch(1);

    @BeforeAll
    static void tables() {
        app = AppQueues.create(DB);
        // the app's row history, to see every state the app could have polled
        app.update("CREATE TABLE {app}.history (seq serial, id text, status text, attempts int, error text)");
        app.update("CREATE FUNCTION {app}.record() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
                + "INSERT INTO " + app.schema() + ".history (id, status, attempts, error) "
                + "VALUES (NEW.id, NEW.status, NEW.attempts, NEW.error); RETURN NULL; END $$");
        app.update("CREATE TRIGGER record AFTER INSERT OR UPDATE ON {app}.\"jobs\" FOR EACH ROW EXECUTE FUNCTION {app}.record()");
        new Bridges(DB.db()).install(app.bridge("prisma-jobs.yaml", "jobs"));
        new Bridges(DB.db()).install(app.bridge("async-jobs.yaml", "async_jobs"));
    }

    /** One handler for every test: the payload's "mode" says what it does on which attempt. */
    @BeforeEach
    void startWorkers() {
        workers.start(DB.db(), TestWorkers.builder("documents").lease(Duration.ofSeconds(3))
                        .rescueInterval(Duration.ofSeconds(1)).build(),
                TestHandler.json("document.extract_requirements", (p, ctx) -> {
                    String mode = p.path("mode").asText();
                    if (mode.equals("fail")) {
                        throw new PermanentJobException("bad_input", "The document could not be read: it is empty.");
                    }
                    if (mode.equals("retry") && ctx.attempt() == 1) {
                        throw new RetryableJobException("llm_overloaded", "The AI service is busy; trying again shortly.");
                    }
                    if (mode.equals("block")) {
                        started.countDown();
                        try {
                            new CountDownLatch(1).await();
                        } catch (InterruptedException e) {
                            interrupted.countDown();
                            throw e;
                        }
                    }
                    return JobOutcome.done(Map.of("document", p.path("document_id").asText()));
                }));
    }

    @AfterEach
    void stopWorkers() {
        workers.close();
    }

    @Test
    void aFailureShowsTheFailedWordAndTheReadableError() {
        String id = app.insertPrismaJob("{\"documentId\": \"d1\", \"mode\": \"fail\"}");
        await().atMost(Duration.ofSeconds(20)).until(() -> app.status("jobs", id).equals("FAILED"));
        Map<String, Object> row = app.row("jobs", id);
        assertThat(row.get("error")).isEqualTo("The document could not be read: it is empty.");
        assertThat(row.get("attempts")).isEqualTo(1);
        assertThat(row.get("completedAt")).isNotNull();
        assertThat(row.get("result")).isNull();
    }

    @Test
    void aRetryCountsAttemptsUpThroughPendingAndProcessing() {
        String id = app.insertPrismaJob("{\"documentId\": \"d2\", \"mode\": \"retry\"}");
        await().atMost(Duration.ofSeconds(20)).until(() -> app.status("jobs", id).equals("COMPLETED"));
        List<String> seen = DB.db().jdbi().withHandle(h -> h.createQuery("SELECT status || ' ' || attempts || ' ' || "
                + "coalesce(error, '-') FROM " + app.schema() + ".history WHERE id = ? ORDER BY seq")
                .bind(0, id).mapTo(String.class).list());
        assertThat(seen).containsExactly(
                "PENDING 0 -",
                "PROCESSING 1 -",
                "PENDING 1 The AI service is busy; trying again shortly.",
                "PROCESSING 2 The AI service is busy; trying again shortly.",
                "COMPLETED 2 -");
        assertThat(app.row("jobs", id).get("result").toString()).contains("d2");
    }

    @Test
    void anAppSideCancelInterruptsTheRunningJob() throws Exception {
        String id = app.insertPrismaJob("{\"documentId\": \"d3\", \"mode\": \"block\"}");
        assertThat(started.await(20, TimeUnit.SECONDS)).isTrue();
        assertThat(app.status("jobs", id)).isEqualTo("PROCESSING");
        // the app's own cancel: it only knows its table
        app.update("UPDATE {app}.\"jobs\" SET \"status\" = 'CANCELLED', \"updatedAt\" = now() WHERE \"id\" = ?", id);
        assertThat(interrupted.await(10, TimeUnit.SECONDS)).as("handler interrupted at the next heartbeat").isTrue();
        JobRow job = jobOf(id);
        assertThat(job.status()).isEqualTo("cancelled");
        Map<String, Object> row = app.row("jobs", id);
        assertThat(row.get("status")).isEqualTo("CANCELLED");
        assertThat(row.get("completedAt")).isNotNull();
        assertThat(row.get("result")).isNull();
    }

    @Test
    void aCancelInJobfleetShowsOnTheAppsRowAndFailedWhereTheAppHasNoCancelledWord() {
        UUID asyncId = app.insertAsyncJob("ai-generation", "{\"prompt\": \"x\"}"); // queue ai: no worker here
        String docId = app.insertPrismaJob("{\"documentId\": \"d4\", \"mode\": \"block\"}");
        await().atMost(Duration.ofSeconds(20)).until(() -> app.status("jobs", docId).equals("PROCESSING"));
        assertThat(DB.db().queue().cancel(jobOf(docId).id())).isTrue();
        assertThat(DB.db().queue().cancel(jobOf(asyncId.toString()).id())).isTrue();
        assertThat(app.status("jobs", docId)).isEqualTo("CANCELLED");
        assertThat(app.status("async_jobs", asyncId)).isEqualTo("failed");
        assertThat(app.row("async_jobs", asyncId).get("error")).isEqualTo("cancelled");
    }

    @Test
    void theAppSettingAFailedRowBackToPendingRunsItAgain() {
        String id = app.insertPrismaJob("{\"documentId\": \"d5\", \"mode\": \"fail\"}");
        await().atMost(Duration.ofSeconds(20)).until(() -> app.status("jobs", id).equals("FAILED"));
        // the app's retry button: fixes the input and resets the row
        app.update("UPDATE {app}.\"jobs\" SET \"status\" = 'PENDING', \"error\" = NULL, "
                + "\"payload\" = '{\"documentId\": \"d5\"}' WHERE \"id\" = ?", id);
        await().atMost(Duration.ofSeconds(20)).until(() -> app.status("jobs", id).equals("COMPLETED"));
        assertThat(jobsOf(id)).extracting(JobRow::status).containsExactly("failed", "completed");
    }

    private JobRow jobOf(String sourceId) {
        List<JobRow> all = jobsOf(sourceId);
        assertThat(all).hasSize(1);
        return all.get(0);
    }

    private List<JobRow> jobsOf(String sourceId) {
        List<Long> ids = DB.db().jdbi().withHandle(h -> h.createQuery("SELECT id FROM " + DB.jobs()
                + " WHERE source_id = ? ORDER BY id").bind(0, sourceId).mapTo(Long.class).list());
        return ids.stream().map(jobs::get).toList();
    }
}
