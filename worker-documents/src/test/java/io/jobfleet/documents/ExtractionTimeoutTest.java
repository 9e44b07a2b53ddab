package io.jobfleet.documents;

import static org.assertj.core.api.Assertions.assertThat;

import io.jobfleet.db.JobRow;
import io.jobfleet.db.NewJob;
import io.jobfleet.documents.config.DocumentsSettings;
import io.jobfleet.documents.testing.DocumentBombs;
import io.jobfleet.documents.testing.DocumentsTestBed;
import io.jobfleet.documents.testing.SpecificationPages;
import io.jobfleet.engine.Payloads;
import io.jobfleet.testing.TestDatabase;
import io.jobfleet.text.samples.SampleDocuments;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A PDF that takes long to read (millions of content-stream operators, within every size limit)
 * runs past its timeout: the watchdog's interrupt really stops the extraction, so the worker's
 * only handler slot is free again and the next job completes.
 */
class ExtractionTimeoutTest {
    private static final String KIND = "document.extract_requirements";

    @RegisterExtension
    static final TestDatabase DB = new TestDatabase();

    @Test
    void theWatchdogStopsASlowExtractionAndFreesTheSlot() {
        try (DocumentsTestBed bed = DocumentsTestBed.start(DB, DocumentsSettings.defaults(),
                engine -> engine.toBuilder().concurrency(1).build())) {
            long slow = bed.app().insertDocument("u-1", "slow.pdf", null, DocumentBombs.pdfWithOperators(24_000_000),
                    "application/pdf");
            long good = bed.app().insertDocument("u-1", "srs.txt", null,
                    SampleDocuments.text(SpecificationPages.text()), "text/plain");

            long slowJob = bed.enqueue(NewJob.of(DocumentsTestBed.QUEUE, KIND, "{\"document_id\": " + slow + "}")
                    .withTimeoutSeconds(1).withMaxAttempts(1).withPriority(1));
            long goodJob = bed.enqueue(KIND, "{\"document_id\": " + good + "}");

            JobRow stopped = bed.awaitFinished(slowJob);
            assertThat(stopped.status()).isEqualTo("failed");
            assertThat(Payloads.tree(stopped.errors()).get(0).get("class").asText()).isEqualTo("timeout");
            assertThat(bed.app().document(slow).status()).isEqualTo("ERROR");
            long start = System.nanoTime();
            JobRow next = bed.awaitFinished(goodJob);
            assertThat(next.status()).as(next.lastError()).isEqualTo("completed");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).as("the slot came free at once")
                    .isLessThan(Duration.ofSeconds(15));
        }
    }
}
