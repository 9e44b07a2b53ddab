package io.jobfleet.bridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.jobfleet.engine.JobOutcome;
import io.jobfleet.engine.Payloads;
import io.jobfleet.testing.AppQueues;
import io.jobfleet.testing.TestDatabase;
import io.jobfleet.testing.TestHandler;
import io.jobfleet.testing.TestWorkers;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The app inserts into its own three queue tables with its own statements; workers run the jobs;
 * every row ends in the app's words with its result, attempts and times, and the app's stats
 * query on processing_queue stays right. Rows pending before the install are backfilled.
 */
class BridgeTest {
    @RegisterExtension
    static final TestDatabase DB = new TestDatabase();
    static AppQueues app;

    @BeforeAll
    static void tables() {
        app = AppQueues.create(DB);
    }

    @Test
    void rowsOfTheThreeAppTablesEndCompletedInTheAppsWords() {
        // pending before the bridges exist: backfilled at install
        String earlyDoc = app.insertPrismaJob("{\"documentId\": \"doc-0\", \"userId\": \"u1\", \"projectId\": \"p1\"}");
        UUID earlyAi = app.insertAsyncJob("ai-generation", "{\"userId\": \"u1\", \"prompt\": \"hello\"}");
        UUID earlyInvoice = app.insertInvoice(UUID.randomUUID(), 0);

        Bridges bridges = new Bridges(DB.db());
        assertThat(bridges.install(app.bridge("prisma-jobs.yaml", "jobs")).backfilled()).isEqualTo(1);
        assertThat(bridges.install(app.bridge("async-jobs.yaml", "async_jobs")).backfilled()).isEqualTo(1);
        assertThat(bridges.install(app.bridge("processing-queue.yaml", "processing_queue")).backfilled()).isEqualTo(1);

        List<String> docs = new ArrayList<>(List.of(earlyDoc));
        List<UUID> asyncs = new ArrayList<>(List.of(earlyAi));
        List<UUID> invoices = new ArrayList<>(List.of(earlyInvoice));
        for (int i = 1; i <= 5; i++) {
            docs.add(app.insertPrismaJob("{\"documentId\": \"doc-" + i + "\", \"userId\": \"u1\", \"projectId\": \"p1\"}"));
            asyncs.add(app.insertAsyncJob(i % 2 == 0 ? "ai-generation" : "collection-generation",
                    "{\"userId\": \"u" + i + "\", \"collectionId\": " + i + "}"));
            invoices.add(app.insertInvoice(UUID.randomUUID(), i));
        }

        try (TestWorkers w = new TestWorkers()) {
            w.start(DB.db(), TestWorkers.config("documents"),
                    TestHandler.json("document.extract_requirements", (p, ctx) ->
                            JobOutcome.done(Map.of("document", p.path("document_id").asText(), "requirements", 3))),
                    TestHandler.json("invoice.process", (p, ctx) ->
                            JobOutcome.done(Map.of("invoice", p.path("invoice_id").asText()))));
            w.start(DB.db(), TestWorkers.config("ai"), TestHandler.json("ai.generate", (p, ctx) ->
                    JobOutcome.done(Map.of("answer", "hi " + p.path("user_id").asText()))));
            w.start(DB.db(), TestWorkers.config("collections"), TestHandler.json("collection.generate", (p, ctx) ->
                    JobOutcome.done(Map.of("collection", p.path("collection_id").asInt()))));

            await().atMost(Duration.ofSeconds(30)).until(() ->
                    docs.stream().allMatch(id -> app.status("jobs", id).equals("COMPLETED"))
                    && asyncs.stream().allMatch(id -> app.status("async_jobs", id).equals("completed"))
                    && invoices.stream().allMatch(id -> app.status("processing_queue", id).equals("completed")));
        }

        for (int i = 0; i < docs.size(); i++) {
            Map<String, Object> row = app.row("jobs", docs.get(i));
            assertThat(Payloads.tree(row.get("result").toString()).get("document").asText())
                    .as("payload keys renamed, result on the app's row").isEqualTo("doc-" + i);
            assertThat(row.get("attempts")).isEqualTo(1);
            assertThat(row.get("error")).isNull();
            assertThat(row.get("startedAt")).isNotNull();
            assertThat(row.get("completedAt")).isNotNull();
            assertThat((java.sql.Timestamp) row.get("completedAt")).isAfterOrEqualTo((java.sql.Timestamp) row.get("startedAt"));
            assertThat((java.sql.Timestamp) row.get("startedAt"))
                    .as("timestamp(3) columns hold UTC, like Prisma's").isAfterOrEqualTo((java.sql.Timestamp) row.get("createdAt"));
        }
        for (UUID id : asyncs) {
            Map<String, Object> row = app.row("async_jobs", id);
            assertThat(row.get("result")).isNotNull();
            assertThat(row.get("started_at")).isNotNull();
            assertThat(row.get("completed_at")).isNotNull();
        }
        assertThat(Payloads.tree(app.row("async_jobs", earlyAi).get("result").toString()).get("answer").asText())
                .isEqualTo("hi u1");
        for (UUID id : invoices) {
            Map<String, Object> row = app.row("processing_queue", id);
            assertThat(row.get("attempts")).isEqualTo(1);
            assertThat(row.get("started_at")).isNotNull();
            assertThat(row.get("completed_at")).isNotNull();
        }

        List<Map<String, Object>> stats = app.invoiceStats();
        assertThat(stats).hasSize(1);
        assertThat(stats.get(0).get("status")).isEqualTo("completed");
        assertThat(stats.get(0).get("count")).isEqualTo(6L);
        assertThat(((BigDecimal) stats.get(0).get("avg")).doubleValue()).isBetween(0.0, 30.0);

        List<BridgeStatus> status = bridges.status(java.util.Optional.empty());
        assertThat(status).extracting(BridgeStatus::name).containsExactly("async_jobs", "invoices", "prisma_jobs");
        for (BridgeStatus s : status) {
            assertThat(s.ok()).as(s.toString()).isTrue();
            assertThat(s.jobs()).containsExactly(Map.entry("completed", 6L));
            assertThat(s.source()).hasSize(1).containsValue(6L);
        }
    }
}
