package io.jobfleet.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.jobfleet.db.ClaimedJob;
import io.jobfleet.db.DatabaseHealth;
import io.jobfleet.db.JobRow;
import io.jobfleet.db.NewJob;
import io.jobfleet.metrics.JobMetrics;
import io.jobfleet.runtime.WorkerRuntime;
import io.jobfleet.support.StoredText;
import io.jobfleet.testing.JobsTable;
import io.jobfleet.testing.TestDatabase;
import io.jobfleet.testing.TestHandler;
import io.jobfleet.testing.TestWorkers;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Data the database refuses: NUL and other control characters are dropped before they are bound
 * or written as JSON, and a result the database still refuses (a constraint) fails its job at
 * once, with a readable message, without running the handler again; in a batch, only its own job.
 */
class RefusedDataTest {
    @RegisterExtension
    static final TestDatabase DB = new TestDatabase();
    private static final String NASTY = "page\u0000one\u0001\u001b[31m\u007f\u0085\tend\r\n";
    private static final String CLEANED = "pageone[31m\tend\r\n";

    private final JobsTable jobs = new JobsTable(DB);

    @BeforeAll
    static void appTables() {
        DB.db().jdbi().useHandle(h -> h.execute("CREATE TABLE \"" + DB.config().appSchema() + "\".notes ("
                + "job_id bigint NOT NULL, body text NOT NULL, extra jsonb NOT NULL, "
                + "score int NOT NULL CONSTRAINT notes_score_not_negative CHECK (score >= 0))"));
    }

    @BeforeEach
    void clean() {
        DB.truncateJobs();
        DB.db().jdbi().useHandle(h -> h.execute("TRUNCATE notes"));
    }

    @Test
    void controlCharactersInResultsAndAppWritesAreDropped() {
        TestHandler<JsonNode> resultOnly = TestHandler.json("result", (p, ctx) ->
                JobOutcome.done(Map.of("text", NASTY, "nested", Map.of("key\u0000", List.of(NASTY)))));
        TestHandler<JsonNode> withWrites = TestHandler.json("writes", (p, ctx) -> {
            String extra = ctx.json().writeValueAsString(Map.of("quote", NASTY));
            return JobOutcome.done(NASTY, h -> h.createUpdate(
                            "INSERT INTO notes (job_id, body, extra, score) VALUES (:id, :body, CAST(:extra AS jsonb), 1)")
                    .bind("id", ctx.jobId()).bind("body", NASTY).bind("extra", extra).execute());
        });
        long a = jobs.enqueue("nul", "result", "{}");
        long b = jobs.enqueue("nul", "writes", "{}");
        try (TestWorkers w = new TestWorkers()) {
            w.start(DB.db(), TestWorkers.config("nul"), resultOnly, withWrites);
            await().atMost(Duration.ofSeconds(20)).until(() -> jobs.count("completed") == 2);
        }
        JsonNode result = Payloads.tree(jobs.get(a).result());
        assertThat(result.path("text").asText()).isEqualTo(CLEANED);
        assertThat(result.path("nested").path("key").get(0).asText()).isEqualTo(CLEANED);
        assertThat(Payloads.tree(jobs.get(b).result()).asText()).isEqualTo(CLEANED);
        Map<String, Object> note = DB.db().jdbi().withHandle(h -> h.createQuery(
                "SELECT body, extra->>'quote' AS quote FROM notes WHERE job_id = :id").bind("id", b).mapToMap().one());
        assertThat(note).containsEntry("body", CLEANED).containsEntry("quote", CLEANED);
    }

    @Test
    void aWriteAConstraintRefusesFailsTheJobOnceWithAReadableMessage() {
        AtomicInteger ran = new AtomicInteger();
        TestHandler<JsonNode> negative = TestHandler.json("negative", (p, ctx) -> {
            ran.incrementAndGet();
            return JobOutcome.done("scored", h -> h.createUpdate(
                            "INSERT INTO notes (job_id, body, extra, score) VALUES (:id, 'secret row text', '{}', -1)")
                    .bind("id", ctx.jobId()).execute());
        });
        long id = jobs.enqueue("check", "negative", "{}");
        try (TestWorkers w = new TestWorkers()) {
            w.start(DB.db(), TestWorkers.config("check"), negative);
            await().atMost(Duration.ofSeconds(20)).until(() -> jobs.get(id).status().equals("failed"));
        }
        JobRow row = jobs.get(id);
        assertThat(row.attempts()).isEqualTo(1);
        assertThat(ran.get()).as("the handler (and its LLM calls) ran once").isEqualTo(1);
        assertThat(row.lastError()).isEqualTo("The result could not be stored: the app's database refused it "
                + "(constraint notes_score_not_negative).");
        assertThat(row.errors()).contains("\"class\": \"result_refused\"").doesNotContain("secret row text");
    }

    @Test
    void oneRefusedResultInABatchFailsOnlyItsOwnJob() throws Exception {
        // the app (or a trigger) refuses one of the results; the other 49 of the batch complete
        WorkerRuntime rt = new WorkerRuntime(WorkerId.generate("test"), TestWorkers.config("batch"), DB.db(),
                new DatabaseHealth(), new JobMetrics(new SimpleMeterRegistry()), InstantSource.system());
        for (int i = 0; i < 50; i++) {
            jobs.enqueue("batch", "k", "{}");
        }
        List<ClaimedJob> claimed = DB.db().queue().claim("batch", rt.workerId(), 50, Duration.ofMinutes(1));
        withPoisonCheck(() -> {
            CompletionQueue completions = new CompletionQueue(rt);
            List<CompletableFuture<Boolean>> done = new ArrayList<>();
            for (int i = 0; i < claimed.size(); i++) {
                done.add(completions.submit(new Attempt(claimed.get(i)),
                        i == 17 ? "{\"poison\": true}" : "{\"n\": " + i + "}"));
            }
            List<CompletionQueue.Pending> batch = completions.take();
            assertThat(batch).hasSize(50);
            Set<Long> completed = completions.store(batch);
            completions.landed(batch, completed);

            assertThat(completed).hasSize(49).doesNotContain(claimed.get(17).id());
            assertThat(done.get(17)).isCompletedExceptionally();
            assertThat(done.stream().filter(f -> !f.isCompletedExceptionally()).map(CompletableFuture::join))
                    .hasSize(49).containsOnly(true);
        });
        assertThat(jobs.count("completed")).isEqualTo(49);
    }

    @Test
    void aWorkerFailsTheRefusedResultOfABatchAndCompletesTheRest() throws Exception {
        int n = 50;
        CountDownLatch allStarted = new CountDownLatch(n);
        AtomicInteger ran = new AtomicInteger();
        TestHandler<JsonNode> gathered = TestHandler.json("k", (p, ctx) -> {
            ran.incrementAndGet();
            allStarted.countDown();
            allStarted.await(20, TimeUnit.SECONDS); // all finish together, so their results are batched
            return JobOutcome.done(p.path("poison").asBoolean() ? Map.of("poison", true) : Map.of("ok", true));
        });
        long poisoned = 0;
        for (int i = 0; i < n; i++) {
            long id = jobs.enqueue("batch2", "k", i == 31 ? "{\"poison\": true}" : "{}");
            poisoned = i == 31 ? id : poisoned;
        }
        long bad = poisoned;
        withPoisonCheck(() -> {
            try (TestWorkers w = new TestWorkers()) {
                w.start(DB.db(), TestWorkers.builder("batch2").concurrency(n).build(), gathered);
                await().atMost(Duration.ofSeconds(30)).until(() -> jobs.count("completed") + jobs.count("failed") == n);
            }
        });
        assertThat(jobs.count("completed")).isEqualTo(n - 1);
        JobRow row = jobs.get(bad);
        assertThat(row.status()).isEqualTo("failed");
        assertThat(row.attempts()).isEqualTo(1);
        assertThat(row.lastError()).isEqualTo("The result could not be stored: the app's database refused it "
                + "(constraint no_poison).");
        assertThat(ran.get()).isEqualTo(n);
    }

    @Test
    void longMessagesAreCappedWithAnEllipsis() {
        TestHandler<JsonNode> verbose = TestHandler.json("verbose", (p, ctx) -> {
            throw new PermanentJobException("bad_input", "x".repeat(10_000) + "\u0000");
        });
        long id = jobs.enqueue("long", "verbose", "{}");
        try (TestWorkers w = new TestWorkers()) {
            w.start(DB.db(), TestWorkers.config("long"), verbose);
            await().atMost(Duration.ofSeconds(20)).until(() -> jobs.get(id).status().equals("failed"));
        }
        JobRow row = jobs.get(id);
        assertThat(row.lastError()).hasSize(StoredText.MESSAGE_MAX).endsWith("x…");
        assertThat(Payloads.tree(row.errors()).get(0).path("message").asText()).isEqualTo(row.lastError());
    }

    private interface Body {
        void run() throws Exception;
    }

    private static void withPoisonCheck(Body body) throws Exception {
        DB.db().jdbi().useHandle(h -> h.execute("ALTER TABLE " + DB.jobs()
                + " ADD CONSTRAINT no_poison CHECK (result IS NULL OR result->>'poison' IS NULL)"));
        try {
            body.run();
        } finally {
            DB.db().jdbi().useHandle(h -> h.execute("ALTER TABLE " + DB.jobs() + " DROP CONSTRAINT no_poison"));
        }
    }
}
