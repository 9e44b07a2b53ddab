package io.jobfleet.documents;

import static org.assertj.core.api.Assertions.assertThat;

import io.jobfleet.db.JobRow;
import io.jobfleet.documents.config.DocumentsSettings;
import io.jobfleet.documents.testing.AppTables.DocumentRow;
import io.jobfleet.documents.testing.DocumentBombs;
import io.jobfleet.documents.testing.DocumentsTestBed;
import io.jobfleet.documents.testing.SpecificationPages;
import io.jobfleet.engine.Payloads;
import io.jobfleet.testing.TestDatabase;
import io.jobfleet.text.samples.SampleDocuments;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import okio.Buffer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile documents, all queued at once beside good ones: URLs aimed at loopback and cloud metadata
 * (server-side request forgery), paths out of the base directory, and bombs (a PDF claiming two
 * billion pages, a stream inflating to 1 GiB, a DOCX unpacking to 90 MiB of text, 20 MiB of form
 * feeds, a 200 MiB row). Each fails permanently on its first attempt with a readable message,
 * the row says ERROR with it, the target server never sees a request, and the good jobs complete.
 */
class HostileInputTest {
    private static final String KIND = "document.extract_requirements";
    private static final String UNREACHABLE = "The document could not be downloaded: its address is not allowed "
            + "or could not be reached.";
    private static final long MIB = 1024 * 1024;

    @RegisterExtension
    static final TestDatabase DB = new TestDatabase();

    @TempDir
    static Path dir;

    private static final MockWebServer files = new MockWebServer();
    private static final MockWebServer target = new MockWebServer();
    private static DocumentsTestBed bed;

    record Bad(long documentId, String errorClass, String message) {
    }

    @BeforeAll
    static void start() throws Exception {
        files.start();
        target.start();
        bed = DocumentsTestBed.start(DB, DocumentsSettings.defaults()
                .withAllowedBaseDir(Files.createDirectories(dir.resolve("uploads")))
                .withAllowedHosts(List.of("127.0.0.1:" + files.getPort()))
                .withMaxChunks(3));
    }

    @AfterAll
    static void stop() throws Exception {
        bed.close();
        files.close();
        target.close();
    }

    @Test
    void hostileDocumentsFailAloneAndGoodOnesComplete() throws Exception {
        int t = target.getPort();
        Path uploads = dir.resolve("uploads");
        Path secret = Files.writeString(dir.resolve("secret.txt"), "The system shall keep this secret.");
        Files.createSymbolicLink(uploads.resolve("linked.txt"), secret);
        files.enqueue(new MockResponse.Builder().code(302).addHeader("Location", "http://localhost:" + t + "/x.txt")
                .build());
        files.enqueue(new MockResponse.Builder().addHeader("Content-Type", "text/plain")
                .body(new Buffer().write(SampleDocuments.text(SpecificationPages.text()))).build());

        Map<String, Bad> bad = new LinkedHashMap<>();
        for (String url : List.of("http://localhost:" + t + "/x.txt", "http://[::1]:" + t + "/x.txt",
                "http://2130706433:" + t + "/x.txt", "http://169.254.169.254/latest/meta-data/")) {
            bad.put(url, new Bad(located(url), "refused", UNREACHABLE));
        }
        bad.put("redirect to loopback", new Bad(located(files.url("/redirect.txt").toString()), "refused", UNREACHABLE));
        bad.put("outside the base", new Bad(located(secret.toString()), "not_found",
                "The file secret.txt does not exist or may not be read."));
        bad.put("dot-dot", new Bad(located(uploads.resolve("../secret.txt").toString()), "not_found",
                "The file secret.txt does not exist or may not be read."));
        bad.put("symbolic link out", new Bad(located(uploads.resolve("linked.txt").toUri().toString()), "not_found",
                "The file linked.txt does not exist or may not be read."));
        bad.put("missing", new Bad(located(uploads.resolve("gone.txt").toString()), "not_found",
                "The file gone.txt does not exist or may not be read."));
        bad.put("pdf claiming 2e9 pages", new Bad(stored("pages.pdf", DocumentBombs.pdfClaimingPages(2_000_000_000L)),
                "too_large", "The document has more than 2,000 pages, the limit."));
        bad.put("pdf inflating to 1 GiB", new Bad(stored("zeros.pdf", DocumentBombs.pdfWithInflatingStream(1024 * MIB)),
                "too_large", "The document unpacks to more than 100 MB, the limit."));
        bad.put("docx with 90 MiB of text", new Bad(stored("long.docx", DocumentBombs.docxWithText(90 * MIB)),
                "too_large", "The document holds more than 5,000,000 characters of text, the limit."));
        bad.put("20 MiB of form feeds", new Bad(inSql("feeds.txt", "convert_to(repeat(chr(12), " + 20 * MIB + "), 'UTF8')"),
                "too_large", "The document has more than 2,000 pages, the limit."));
        bad.put("200 MiB row", new Bad(inSql("huge.txt", "convert_to(repeat('x', " + 200 * MIB + "), 'UTF8')"),
                "too_large", "The file is 200 MB; the limit is 20 MB."));
        bad.put("too many chunks", new Bad(stored("long.txt",
                SampleDocuments.text("The system shall log every request.\n\n".repeat(2_000))), "too_long",
                "The document is too long: it makes 7 parts of up to 12000 characters; the limit is 3."));

        Map<String, Long> jobs = new LinkedHashMap<>();
        bad.forEach((name, b) -> jobs.put(name, bed.enqueue(KIND, "{\"document_id\": " + b.documentId() + "}")));
        long goodDownload = located(files.url("/srs.txt").toString());
        Path local = Files.write(uploads.resolve("srs.txt"), SampleDocuments.text(SpecificationPages.text()));
        long goodFile = located(local.toString());
        long goodDownloadJob = bed.enqueue(KIND, "{\"document_id\": " + goodDownload + "}");
        long goodFileJob = bed.enqueue(KIND, "{\"document_id\": " + goodFile + "}");

        bad.forEach((name, b) -> {
            JobRow job = bed.awaitFinished(jobs.get(name));
            assertThat(job.status()).as(name).isEqualTo("failed");
            assertThat(job.attempts()).as(name + ": permanent, first attempt").isEqualTo(1);
            assertThat(job.lastError()).as(name).isEqualTo(b.message());
            assertThat(Payloads.tree(job.errors()).get(0).get("class").asText()).as(name).isEqualTo(b.errorClass());
            DocumentRow row = bed.app().document(b.documentId());
            assertThat(row.status()).as(name).isEqualTo("ERROR");
            assertThat(row.errorMessage()).as(name).isEqualTo(b.message());
        });
        for (long id : List.of(goodDownloadJob, goodFileJob)) {
            JobRow job = bed.awaitFinished(id);
            assertThat(job.status()).as(job.lastError()).isEqualTo("completed");
        }
        assertThat(bed.app().document(goodDownload).status()).isEqualTo("DONE");
        assertThat(bed.app().document(goodFile).status()).isEqualTo("DONE");
        assertThat(target.getRequestCount()).as("the target never got a request").isZero();
    }

    @Test
    void anInvoiceUrlAimedAtCloudMetadataIsRefused() {
        long invoice = bed.app().insertInvoice("u-1", "i.pdf", "http://169.254.169.254/latest/meta-data/", null, null);

        JobRow job = bed.awaitFinished(bed.enqueue("invoice.process", "{\"invoice_id\": " + invoice + "}"));

        assertThat(job.status()).isEqualTo("failed");
        assertThat(job.attempts()).isEqualTo(1);
        assertThat(job.lastError()).isEqualTo(UNREACHABLE);
        assertThat(bed.app().invoice(invoice).status()).isEqualTo("failed");
        assertThat(bed.app().invoice(invoice).errorMessage()).isEqualTo(UNREACHABLE);
    }

    private static long located(String location) {
        return bed.app().insertDocument("u-1", "doc", location, null, null);
    }

    private static long stored(String name, byte[] bytes) {
        return bed.app().insertDocument("u-1", name, null, bytes, null);
    }

    private static long inSql(String name, String sql) {
        long id = bed.app().insertDocument("u-1", name, null, new byte[0], "text/plain");
        bed.app().setDocumentContentInSql(id, sql);
        return id;
    }

}
