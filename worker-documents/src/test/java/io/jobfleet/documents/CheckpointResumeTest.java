package io.jobfleet.documents;

import static org.assertj.core.api.Assertions.assertThat;

import io.jobfleet.db.JobRow;
import io.jobfleet.documents.config.DocumentsSettings;
import io.jobfleet.documents.testing.AppTables.RequirementRow;
import io.jobfleet.documents.testing.DocumentsTestBed;
import io.jobfleet.engine.Payloads;
import io.jobfleet.testing.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Each chunk's answer is a checkpoint: when the 7th of 10 LLM calls fails, the retry asks only
 * about the failed chunk and the 3 after it, and stores the same requirements as a run without faults.
 */
class CheckpointResumeTest {
    private static final String KIND = "document.extract_requirements";
    /** Room for one page of {@link #page} and not two: one chunk per page. */
    private static final int CHUNK_CHARS = 250;
    private static final int PAGES = 10;

    @RegisterExtension
    static final TestDatabase DB = new TestDatabase();

    private static DocumentsTestBed bed;

    @BeforeAll
    static void start() {
        bed = DocumentsTestBed.start(DB, DocumentsSettings.defaults().withChunkChars(CHUNK_CHARS));
    }

    @AfterAll
    static void stop() {
        bed.close();
    }

    private static String page(int n, String marker) {
        return "Section " + n + ".\nThis section explains how the archive keeps record " + n + " safe.\nR" + n + "-1: The system shall archive record " + n + " for audit. "
                + "R" + n + "-2: Users should see report " + n + " within 5 seconds. " + marker;
    }

    /** Ten pages; {@code failingPage} carries the simulator's marker to fail its first request (503). */
    private static byte[] document(int failingPage) {
        List<String> pages = new ArrayList<>();
        for (int n = 1; n <= PAGES; n++) {
            pages.add(page(n, n == failingPage ? "[sim:fail-first=1]" : ""));
        }
        return String.join("\n\f", pages).getBytes(StandardCharsets.UTF_8);
    }

    private static long calls() {
        return bed.sim().requestCount();
    }

    private static List<String> requirements(long doc) {
        return bed.app().requirements(doc).stream().map(r -> r.position() + " p" + r.sourcePage() + " " + r.reference()
                + " " + r.category() + "/" + r.priority() + " " + r.text()).toList();
    }

    @Test
    void aRetryAsksOnlyAboutTheChunksNotAnsweredYet() {
        long clean = bed.app().insertDocument("u-1", "ten.txt", null, document(0), "text/plain");
        long before = calls();
        JobRow cleanJob = bed.awaitFinished(bed.enqueue(KIND, "{\"document_id\": " + clean + "}"));
        assertThat(cleanJob.status()).as(cleanJob.lastError()).isEqualTo("completed");
        assertThat(Payloads.tree(cleanJob.result()).get("chunks").asInt()).as("one chunk per page").isEqualTo(PAGES);
        assertThat(calls() - before).isEqualTo(PAGES);

        long faulty = bed.app().insertDocument("u-1", "ten.txt", null, document(7), "text/plain");
        before = calls();
        long jobId = bed.enqueue(KIND, "{\"document_id\": " + faulty + "}");
        JobRow job = bed.awaitFinished(jobId);

        assertThat(job.status()).as(job.lastError()).isEqualTo("completed");
        assertThat(job.attempts()).as("the 7th call failed the first attempt").isEqualTo(2);
        assertThat(Payloads.tree(job.errors()).path(0).path("message").asText()).containsIgnoringCase("overloaded");
        // attempt 1: chunks 1-7, the 7th failing; attempt 2: chunks 7-10 only (without checkpoints: 10 more)
        assertThat(calls() - before).isEqualTo(7 + 4);
        assertThat(requirements(faulty)).as("the same requirements as the run without faults")
                .isNotEmpty().containsExactlyElementsOf(requirements(clean));
        assertThat(bed.jobs().checkpoints(jobId)).as("deleted by the completion").isEmpty();
        assertThat(Payloads.tree(job.progress()).path("done").asLong()).isEqualTo(PAGES);
        assertThat(Payloads.tree(job.progress()).path("total").asLong()).isEqualTo(PAGES);
    }
}
