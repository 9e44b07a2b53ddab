package io.jobfleet.documents;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.jobfleet.db.JobRow;
import io.jobfleet.documents.config.DocumentsSettings;
import io.jobfleet.documents.testing.AppTables.DocumentRow;
import io.jobfleet.documents.testing.AppTables.RequirementRow;
import io.jobfleet.documents.testing.DocumentsTestBed;
import io.jobfleet.documents.testing.SpecificationPages;
import io.jobfleet.engine.Payloads;
import io.jobfleet.testing.TestDatabase;
import io.jobfleet.text.samples.SampleDocuments;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import okio.Buffer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Requirements from real PDF, DOCX and text files land on the pages where the document states them. */
class RequirementExtractionTest {
    private static final String KIND = "document.extract_requirements";
    private static final String DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
    /** Smaller than two pages of the specification: every document is read in several chunks. */
    private static final int CHUNK_CHARS = 1000;

    @RegisterExtension
    static final TestDatabase DB = new TestDatabase();

    @TempDir
    static Path dir;

    private static DocumentsTestBed bed;
    /** The app's file server, on loopback: open to the worker through the allowlist. */
    private static final MockWebServer server = new MockWebServer();

    @BeforeAll
    static void start() throws Exception {
        server.start();
        bed = DocumentsTestBed.start(DB, DocumentsSettings.defaults().withChunkChars(CHUNK_CHARS)
                .withAllowedBaseDir(dir).withAllowedHosts(List.of("127.0.0.1:" + server.getPort())));
    }

    @AfterAll
    static void stop() throws Exception {
        bed.close();
        server.close();
    }

    @Test
    void aMultiPagePdfStoredOnTheRow() {
        byte[] pdf = SampleDocuments.pdf(SampleDocuments.requirementsSpecification());
        long doc = bed.app().insertDocument("u-1", "srs.pdf", null, pdf, "application/pdf");

        JsonNode result = completed(bed.enqueue(KIND, "{\"document_id\": " + doc + ", \"user_id\": \"u-1\"}"));

        assertRequirementsOnTheirPages(doc);
        assertThat(result.get("document_id").asLong()).isEqualTo(doc);
        assertThat(result.get("pages").asInt()).isEqualTo(6);
        assertThat(result.get("chunks").asInt()).isGreaterThan(1);
        assertThat(result.get("requirements").asInt()).isEqualTo(SpecificationPages.labelPages().size());
        assertThat(result.at("/usage/calls").asInt()).isEqualTo(result.get("chunks").asInt());
        assertThat(result.at("/usage/total_tokens").asLong()).isPositive();
        DocumentRow row = bed.app().document(doc);
        assertThat(row.status()).isEqualTo("DONE");
        assertThat(row.processedAt()).isNotNull();
        assertThat(row.errorMessage()).isNull();
    }

    @Test
    void aDocxDownloadedFromAUrl() throws Exception {
        byte[] docx = SampleDocuments.docx(SpecificationPages.docxParagraphs());
        server.enqueue(new MockResponse.Builder().code(200).addHeader("Content-Type", DOCX)
                .body(new Buffer().write(docx)).build());
        String url = server.url("/files/srs.docx?token=secret").toString();
        long doc = bed.app().insertDocument("u-2", "srs.docx", url, null, null);
        int before = server.getRequestCount();

        JsonNode result = completed(bed.enqueue(KIND, "{\"document_id\": " + doc + "}"));

        assertRequirementsOnTheirPages(doc);
        assertThat(result.get("pages").asInt()).isEqualTo(6);
        assertThat(server.getRequestCount() - before).isEqualTo(1);
    }

    @Test
    void aTextFileWithFormFeedsBetweenPages() throws Exception {
        Path file = Files.write(dir.resolve("srs.txt"), SampleDocuments.text(SpecificationPages.text()));
        long doc = bed.app().insertDocument("u-3", "srs.txt", file.toUri().toString(), null, null);

        JsonNode result = completed(bed.enqueue(KIND, "{\"document_id\": " + doc + "}"));

        assertRequirementsOnTheirPages(doc);
        assertThat(result.get("pages").asInt()).isEqualTo(6);
    }

    @Test
    void runningAgainReplacesTheSetInsteadOfAddingToIt() {
        byte[] pdf = SampleDocuments.pdf(SampleDocuments.requirementsSpecification());
        long doc = bed.app().insertDocument("u-4", "srs.pdf", null, pdf, "application/pdf");
        String payload = "{\"document_id\": " + doc + "}";
        completed(bed.enqueue(KIND, payload));
        List<RequirementRow> first = bed.app().requirements(doc);

        long again = bed.enqueue(KIND, payload);
        completed(again);
        List<RequirementRow> second = bed.app().requirements(doc);

        assertThat(second).hasSameSizeAs(first);
        assertThat(references(second)).isEqualTo(references(first)).hasSize(first.size());
        assertThat(second).extracting(RequirementRow::text).containsExactlyElementsOf(
                first.stream().map(RequirementRow::text).toList());
        assertThat(second).allSatisfy(r -> assertThat(r.jobId()).isEqualTo(again));
        assertThat(second).extracting(RequirementRow::id).doesNotContainAnyElementsOf(
                first.stream().map(RequirementRow::id).toList());
        assertThat(bed.app().document(doc).status()).isEqualTo("DONE");
    }

    private static JsonNode completed(long jobId) {
        JobRow job = bed.awaitFinished(jobId);
        assertThat(job.status()).as("job %d: %s", jobId, job.lastError()).isEqualTo("completed");
        return Payloads.tree(job.result());
    }

    /** Every labelled requirement of the specification, once, on the page the specification puts it. */
    private static void assertRequirementsOnTheirPages(long doc) {
        Map<String, Integer> expected = SpecificationPages.labelPages();
        List<RequirementRow> stored = bed.app().requirements(doc);
        Map<String, Integer> found = stored.stream().collect(Collectors.toMap(
                r -> SpecificationPages.labelOf(r.text()).orElseThrow(() -> new AssertionError("no label: " + r.text())),
                RequirementRow::sourcePage));
        assertThat(found).containsExactlyInAnyOrderEntriesOf(expected);
        assertThat(stored).extracting(RequirementRow::sourcePage)
                .doesNotContainAnyElementsOf(SampleDocuments.requirementsSpecificationPagesWithoutRequirements());
        assertThat(stored).extracting(RequirementRow::position)
                .containsExactlyElementsOf(java.util.stream.IntStream.rangeClosed(1, stored.size()).boxed().toList());
        assertThat(stored).extracting(RequirementRow::sourcePage).isSorted();
        assertThat(stored.stream().filter(r -> r.text().contains("SEC-1:")).findFirst().orElseThrow())
                .satisfies(r -> {
                    assertThat(r.category()).isEqualTo("security");
                    assertThat(r.priority()).isEqualTo("high");
                });
    }

    private static Set<String> references(List<RequirementRow> rows) {
        return rows.stream().map(RequirementRow::reference).collect(Collectors.toSet());
    }
}
