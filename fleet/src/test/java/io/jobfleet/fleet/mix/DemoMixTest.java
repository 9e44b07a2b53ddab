package io.jobfleet.fleet.mix;

import static org.assertj.core.api.Assertions.assertThat;

import io.jobfleet.ai.AiFamily;
import io.jobfleet.collections.CollectionsFamily;
import io.jobfleet.db.JobRow;
import io.jobfleet.documents.DocumentsFamily;
import io.jobfleet.family.WorkerFamily;
import io.jobfleet.messages.MessagesFamily;
import io.jobfleet.testing.FamilyWorkers;
import io.jobfleet.testing.JobsTable;
import io.jobfleet.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The demo's mix: each seeder enqueues the jobs its size asks for, and expects of each exactly one ending. */
class DemoMixTest {
    @RegisterExtension
    static final TestDatabase DB = new TestDatabase();
    private static final JobsTable JOBS = new JobsTable(DB);
    private static final DemoSize SIZE = DemoSize.quick();

    @BeforeAll
    static void appTables() {
        for (WorkerFamily f : List.of(new AiFamily(), new DocumentsFamily(), new CollectionsFamily(),
                new MessagesFamily())) {
            FamilyWorkers.migrateAppTables(DB, f);
        }
    }

    private static List<Expectation> seed(DemoSeeder seeder, Path files) throws Exception {
        List<Expectation> expected = seeder.seed(DB.db(), files, SIZE);
        assertThat(expected).extracting(Expectation::jobId).doesNotHaveDuplicates();
        for (Expectation x : expected) {
            JobRow row = JOBS.get(x.jobId());
            assertThat(row.kind()).as(x.label()).isEqualTo(x.kind());
            assertThat(row.status()).as("enqueued, not run").isEqualTo("pending");
            assertThat(x.status()).isIn("completed", "failed");
        }
        return expected;
    }

    private static Map<String, Long> byStatus(List<Expectation> expected) {
        return expected.stream().collect(Collectors.groupingBy(Expectation::status, Collectors.counting()));
    }

    @Test
    void conversationsWithOneEmptyMessage() throws Exception {
        List<Expectation> expected = seed(new MessagesDemoSeeder(), null);

        int messages = SIZE.conversations() * SIZE.messagesPerConversation();
        assertThat(byStatus(expected)).containsOnly(Map.entry("completed", messages - 1L), Map.entry("failed", 1L));
        assertThat(expected).filteredOn(x -> x.status().equals("failed"))
                .allMatch(x -> x.errorClass().equals("empty_message"));
        assertThat(expected).allMatch(x -> JOBS.get(x.jobId()).payload().contains("\"conversation_id\""));
    }

    @Test
    void aiGenerationsPerUserAndTwoOverQuota() throws Exception {
        List<Expectation> expected = seed(new AiDemoSeeder(), null);

        assertThat(byStatus(expected)).containsOnly(
                Map.entry("completed", (long) SIZE.aiUsers() * SIZE.aiJobsPerUser()), Map.entry("failed", 2L));
        assertThat(expected).filteredOn(x -> x.status().equals("failed"))
                .allMatch(x -> x.errorClass().equals("quota_exceeded"));
        long overQuotaTokens = DB.db().jdbi().withHandle(h -> h.createQuery("SELECT sum(total_tokens) FROM "
                + DemoTables.of(DB.db()).ledger() + " WHERE user_id = 'user-over-quota'").mapTo(Long.class).one());
        assertThat(overQuotaTokens).as("the whole budget is spent already").isEqualTo(500);
    }

    @Test
    void documentsInEveryFormPlusAScannedAndAMissingOne(@TempDir Path files) throws Exception {
        List<Expectation> expected = seed(new DocumentsDemoSeeder(), files);

        assertThat(expected).filteredOn(x -> x.kind().equals("invoice.process")).hasSize(SIZE.invoices());
        assertThat(expected).filteredOn(x -> x.kind().equals("document.extract_requirements"))
                .hasSize(SIZE.documents() + 2 + 2);
        assertThat(expected).filteredOn(x -> x.status().equals("failed")).extracting(Expectation::label)
                .containsExactlyInAnyOrder("scanned PDF (no text layer)", "document file missing");
        assertThat(files.resolve("scanned.pdf")).isRegularFile();
        assertThat(Files.exists(files.resolve("does-not-exist.pdf"))).isFalse();
    }

    @Test
    void collectionsAndOneWithoutSources(@TempDir Path files) throws Exception {
        List<Expectation> expected = seed(new CollectionsDemoSeeder(), files);

        assertThat(byStatus(expected)).containsOnly(Map.entry("completed", (long) SIZE.collections()),
                Map.entry("failed", 1L));
    }

    @Test
    void poisonJobsOnEveryQueueFailWithTheirClass() throws Exception {
        List<Expectation> expected = seed(new PoisonSeeder(), null);

        assertThat(expected).allMatch(x -> x.status().equals("failed") && x.errorClass() != null);
        assertThat(expected.stream().map(x -> JOBS.get(x.jobId()).queue()).collect(Collectors.toSet()))
                .containsExactlyInAnyOrder("ai", "documents", "collections");
        assertThat(expected).extracting(Expectation::errorClass).contains("bad_payload", "unknown_kind");
    }
}
