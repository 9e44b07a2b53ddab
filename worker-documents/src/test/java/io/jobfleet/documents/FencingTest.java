package io.jobfleet.documents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.jobfleet.config.EngineConfig;
import io.jobfleet.db.JobRow;
import io.jobfleet.documents.config.DocumentsSettings;
import io.jobfleet.documents.testing.AppTables.RequirementRow;
import io.jobfleet.documents.testing.DocumentsTestBed;
import io.jobfleet.documents.testing.SpecificationPages;
import io.jobfleet.testing.TestClock;
import io.jobfleet.testing.TestDatabase;
import io.jobfleet.text.samples.SampleDocuments;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A job taken away mid-run (cancelled by the app) writes nothing: the document keeps its
 * requirements, and its status leaves PROCESSING for ERROR ("The job was cancelled.").
 */
class FencingTest {
    private static final String KIND = "document.extract_requirements";

    @RegisterExtension
    static final TestDatabase DB = new TestDatabase();

    /** Renewed every 30 s: the heartbeat that learns of the cancel comes only when the test moves the clock. */
    private static final Duration LEASE = Duration.ofSeconds(90);
    private static final Duration HEARTBEAT = EngineConfig.builder(DocumentsTestBed.QUEUE).lease(LEASE).build()
            .heartbeatInterval();

    private static final TestClock CLOCK = new TestClock();
    private static DocumentsTestBed bed;

    @BeforeAll
    static void start() {
        // one handler thread: the next job runs only once the cancelled one has let go
        bed = DocumentsTestBed.start(DB, DocumentsSettings.defaults(),
                c -> c.toBuilder().concurrency(1).lease(LEASE).build(), CLOCK);
    }

    @AfterAll
    static void stop() {
        bed.close();
    }

    @Test
    void aCancelledRunWritesNoRequirements() {
        String spec = SpecificationPages.text();
        long doc = bed.app().insertDocument("u-1", "srs.txt", null, SampleDocuments.text(spec), "text/plain");
        JobRow first = bed.awaitFinished(bed.enqueue(KIND, "{\"document_id\": " + doc + "}"));
        assertThat(first.status()).isEqualTo("completed");
        List<RequirementRow> before = bed.app().requirements(doc);
        assertThat(before).hasSize(SpecificationPages.labelPages().size());

        // the app uploads a new version whose LLM answer takes long, then cancels the run
        String slowVersion = spec.replace("SEC-6:", "SEC-6a: The system shall log every login.\nSEC-6:")
                + "\n[sim:delay=30000]";
        bed.app().updateDocumentContent(doc, SampleDocuments.text(slowVersion));
        long requestsBefore = bed.sim().requestCount();
        long slow = bed.enqueue(KIND, "{\"document_id\": " + doc + "}");
        await().atMost(Duration.ofSeconds(20)).until(() -> bed.sim().requestCount() > requestsBefore);
        assertThat(bed.app().document(doc).status()).as("set at the start of the run").isEqualTo("PROCESSING");
        assertThat(bed.cancel(slow)).isTrue();
        CLOCK.advance(HEARTBEAT);

        // a later job runs on the only handler thread: the cancelled attempt has ended by then
        long other = bed.app().insertDocument("u-2", "other.txt", null,
                SampleDocuments.text("The portal must send a receipt."), "text/plain");
        JobRow after = bed.awaitFinished(bed.enqueue(KIND, "{\"document_id\": " + other + "}"));
        assertThat(after.status()).isEqualTo("completed");

        JobRow cancelled = bed.jobs().get(slow);
        assertThat(cancelled.status()).isEqualTo("cancelled");
        assertThat(cancelled.result()).isNull();
        List<RequirementRow> now = bed.app().requirements(doc);
        assertThat(now).as("the old set, untouched: same rows, no SEC-6a").containsExactlyElementsOf(before);
        assertThat(now).noneMatch(r -> r.text().contains("SEC-6a"));
        // no DONE from the cancelled run, and no PROCESSING left behind: the failure writes ran
        await().atMost(Duration.ofSeconds(20)).until(() -> bed.app().document(doc).status().equals("ERROR"));
        assertThat(bed.app().document(doc).errorMessage()).isEqualTo("The job was cancelled.");

        // the next run clears that error as it starts: PROCESSING shows no stale error
        long requestsNow = bed.sim().requestCount();
        long again = bed.enqueue(KIND, "{\"document_id\": " + doc + "}");
        await().atMost(Duration.ofSeconds(20)).until(() -> bed.sim().requestCount() > requestsNow);
        assertThat(bed.app().document(doc).status()).isEqualTo("PROCESSING");
        assertThat(bed.app().document(doc).errorMessage()).isNull();
        assertThat(bed.cancel(again)).isTrue();
        CLOCK.advance(HEARTBEAT);
    }
}
