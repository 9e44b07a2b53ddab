package io.jobfleet.documents;

import static org.assertj.core.api.Assertions.assertThat;

import io.jobfleet.db.JobRow;
import io.jobfleet.db.NewJob;
import io.jobfleet.documents.config.DocumentsSettings;
import io.jobfleet.documents.testing.AppTables.DocumentRow;
import io.jobfleet.documents.testing.DocumentsTestBed;
import io.jobfleet.documents.testing.SpecificationPages;
import io.jobfleet.testing.TestDatabase;
import io.jobfleet.text.samples.SampleDocuments;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each bad input ends the job {@code failed} with a readable message, the same message and status
 * {@code ERROR} on the document row, and the worker goes on with the next job.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BadInputTest {
    private static final String KIND = "document.extract_requirements";
    private static final long MAX_BYTES = 64 * 1024;

    @RegisterExtension
    static final TestDatabase DB = new TestDatabase();

    @TempDir
    static Path dir;

    private static DocumentsTestBed bed;
    private static final MockWebServer server = new MockWebServer();

    @BeforeAll
    static void start() throws Exception {
        server.start();
        bed = DocumentsTestBed.start(DB, DocumentsSettings.defaults().withMaxBytes(MAX_BYTES).withAllowedBaseDir(dir)
                .withAllowedHosts(List.of("127.0.0.1:" + server.getPort())));
    }

    @AfterAll
    static void stop() throws Exception {
        bed.close();
        server.close();
    }

    @Test
    void aMissingDocumentRow() {
        JobRow job = failed(bed.enqueue(KIND, "{\"document_id\": 987654}"), "not_found");
        assertThat(job.lastError()).isEqualTo("Document 987654 does not exist.");
        assertThat(job.attempts()).as("not retried").isEqualTo(1);
    }

    @Test
    void aCorruptPdf() {
        byte[] corrupt = "%PDF-1.7\n1 0 obj << /Type /Catalog >> trailer garbage".getBytes();
        long doc = bed.app().insertDocument("u-1", "broken.pdf", null, corrupt, "application/pdf");

        assertDocumentFailed(doc, "unreadable", "The PDF is damaged or not a valid PDF file.");
    }

    @Test
    void aUrlAnswering404() throws Exception {
        server.enqueue(new MockResponse.Builder().code(404).body("no such file").build());
        long doc = bed.app().insertDocument("u-1", "srs.pdf", server.url("/files/srs.pdf").toString(), null, null);

        assertDocumentFailed(doc, "not_found", "The document could not be downloaded: the server answered 404 Not Found.");
        assertThat(server.getRequestCount()).as("a 404 is not retried").isEqualTo(1);
    }

    @Test
    void aFileOverTheSizeLimit() throws Exception {
        Path big = Files.write(dir.resolve("huge.txt"), SampleDocuments.text("The system shall scale. ".repeat(5000)));
        long doc = bed.app().insertDocument("u-1", "huge.txt", big.toUri().toString(), null, null);

        assertDocumentFailed(doc, "too_large", "The file is 117.2 KB; the limit is 64 KB.");
    }

    @Test
    void aScannedPdf() {
        long doc = bed.app().insertDocument("u-1", "scan.pdf", null, SampleDocuments.scannedPdf(3), "application/pdf");

        DocumentRow row = assertDocumentFailed(doc, "no_text_layer", null);
        assertThat(row.errorMessage()).contains("no text layer").contains("OCR");
    }

    @Test
    void aFileOutsideTheAllowedDirectory() throws Exception {
        Path outside = Files.createTempFile("outside", ".txt");
        try {
            Files.writeString(outside, "The system shall not read this.");
            long doc = bed.app().insertDocument("u-1", "outside.txt", outside.toUri().toString(), null, null);

            assertDocumentFailed(doc, "not_found",
                    "The file " + outside.getFileName() + " does not exist or may not be read.");
        } finally {
            Files.deleteIfExists(outside);
        }
    }

    @Test
    void aRowWithoutFile() {
        long doc = bed.app().insertDocument("u-1", "nothing.pdf", null, null, null);

        assertDocumentFailed(doc, "no_content",
                "Document " + doc + " has no file: neither content nor a location is stored.");
    }

    @Test
    void aPayloadWithoutDocumentId() {
        JobRow job = failed(bed.enqueue(KIND, "{\"user_id\": \"u-1\"}"), "bad_payload");
        assertThat(job.lastError()).isEqualTo("payload is missing required field 'document_id' (or 'documentId')");
    }

    @Test
    void aDocumentIdSentAsAStringIsTheSameId() {
        long doc = bed.app().insertDocument("u-1", "srs.txt", null, SampleDocuments.text(SpecificationPages.text()),
                "text/plain");

        JobRow job = bed.awaitFinished(bed.enqueue(KIND, "{\"documentId\": \"" + doc + "\"}"));

        assertThat(job.status()).isEqualTo("completed");
        assertThat(bed.app().document(doc).status()).isEqualTo("DONE");
    }

    @Test
    void aDocumentIdThatIsNoBigint() {
        JobRow job = failed(bed.enqueue(KIND, "{\"document_id\": \"clx9k2abc\"}"), "bad_payload");

        assertThat(job.lastError()).isEqualTo("payload field 'document_id' must be a positive integer (got 'clx9k2abc')");
        // the handler's own check names the field as an app writing camelCase sent it
        JobRow camel = failed(bed.enqueue(KIND, "{\"documentId\": \"clx9k2abc\"}"), "bad_payload");
        assertThat(camel.lastError()).isEqualTo("payload field 'documentId' must be a positive integer (got 'clx9k2abc')");
    }


    @Test
    void aNegativeDocumentId() {
        JobRow job = failed(bed.enqueue(KIND, "{\"document_id\": -3}"), "bad_payload");
        assertThat(job.lastError()).isEqualTo("payload field 'document_id' must be a positive integer (got -3)");
    }

    @Test
    void anotherUsersDocumentIsRefusedAndLeftAlone() {
        long doc = bed.app().insertDocument("owner", "srs.txt", null, SampleDocuments.text(SpecificationPages.text()),
                "text/plain");

        JobRow job = failed(bed.enqueue(KIND, "{\"document_id\": " + doc + ", \"user_id\": \"intruder\"}"), "wrong_user");

        assertThat(job.lastError()).isEqualTo("Document " + doc + " belongs to another user.");
        DocumentRow row = bed.app().document(doc);
        assertThat(row.status()).as("the owner's document is not touched").isEqualTo("WAITING");
        assertThat(row.errorMessage()).isNull();
    }

    @Test
    void anLlmFailureOnTheLastAttempt() {
        String text = SpecificationPages.text() + "\n[sim:error=503]";
        long doc = bed.app().insertDocument("u-1", "srs.txt", null, SampleDocuments.text(text), "text/plain");

        long id = bed.enqueue(NewJob.of(DocumentsTestBed.QUEUE, KIND, "{\"document_id\": " + doc + "}")
                .withMaxAttempts(2));
        JobRow job = failed(id, "overloaded");

        assertThat(job.attempts()).as("retried once, then failed").isEqualTo(2);
        DocumentRow row = bed.app().document(doc);
        assertThat(row.status()).isEqualTo("ERROR");
        assertThat(row.errorMessage()).isEqualTo(job.lastError()).isNotBlank();
    }

    @Test
    @Order(Integer.MAX_VALUE)
    void aGoodDocumentAfterAllTheBadOnesStillCompletes() throws Exception {
        Path file = Files.write(dir.resolve("srs.txt"), SampleDocuments.text(SpecificationPages.text()));
        long doc = bed.app().insertDocument("u-1", "srs.txt", file.toUri().toString(), null, null);

        JobRow job = bed.awaitFinished(bed.enqueue(KIND, "{\"document_id\": " + doc + ", \"user_id\": \"u-1\"}"));

        assertThat(job.status()).as(job.lastError()).isEqualTo("completed");
        assertThat(bed.app().document(doc).status()).isEqualTo("DONE");
        assertThat(bed.app().requirements(doc)).hasSize(SpecificationPages.labelPages().size());
        assertThat(bed.jobs().count("failed")).as("the bad ones before it").isGreaterThanOrEqualTo(10);
    }

    /** The job failed permanently with the document's readable message, also on the document row. */
    private static DocumentRow assertDocumentFailed(long doc, String errorClass, String message) {
        JobRow job = failed(bed.enqueue(KIND, "{\"document_id\": " + doc + "}"), errorClass);
        if (message != null) {
            assertThat(job.lastError()).isEqualTo(message);
        }
        assertThat(job.attempts()).as("a permanent error is not retried").isEqualTo(1);
        DocumentRow row = bed.app().document(doc);
        assertThat(row.status()).isEqualTo("ERROR");
        assertThat(row.errorMessage()).isEqualTo(job.lastError());
        assertThat(row.processedAt()).isNull();
        assertThat(bed.app().requirements(doc)).isEmpty();
        return row;
    }

    private static JobRow failed(long jobId, String errorClass) {
        JobRow job = bed.awaitFinished(jobId);
        assertThat(job.status()).isEqualTo("failed");
        assertThat(job.errors()).contains("\"class\": \"" + errorClass + "\"");
        assertThat(job.lastError()).isNotBlank();
        return job;
    }

}
