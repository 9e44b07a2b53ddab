package io.jobfleet.collections.generate;

import static io.jobfleet.collections.CollectionJobs.generate;
import static io.jobfleet.collections.StudySetAssertions.assertReadyAndValid;
import static org.assertj.core.api.Assertions.assertThat;

import io.jobfleet.collections.CollectionSettings;
import io.jobfleet.collections.CollectionJobs;
import io.jobfleet.collections.StudyTables;
import io.jobfleet.db.JobRow;
import io.jobfleet.engine.Payloads;
import io.jobfleet.llm.sim.testing.SimulatedLlm;
import io.jobfleet.testing.FamilyWorkers;
import io.jobfleet.testing.TestDatabase;
import io.jobfleet.text.samples.SampleDocuments;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad and hostile inputs (URLs aimed at loopback or cloud metadata, system files, a row over the size limit,
 * millions of form feeds) fail at once (one attempt) with a message the collection's user can read, the
 * collection (when there is one) ends {@code failed} with it, and the worker goes on to run a
 * good job.
 */
class CollectionBadInputTest {
    @RegisterExtension
    static final TestDatabase DB = new TestDatabase();
    @RegisterExtension
    static final SimulatedLlm LLM = SimulatedLlm.withDefaultClient();
    @StartStop
    static final MockWebServer TARGET = new MockWebServer();

    record Expected(long jobId, Long collectionId, String errorClass, String message) {
    }

    @Test
    void badInputsFailWithClearMessagesAndTheWorkerKeepsGoing(@TempDir Path dir) {
        StudyTables tables = new StudyTables(DB).migrate();
        long noSources = tables.collection("u-1", 5, 3);
        long emptySources = tables.collection("u-1", 5, 3);
        tables.text(emptySources, 1, "   \n ");
        tables.documentAt(emptySources, 2, null);
        long scanned = tables.collection("u-1", 5, 3);
        tables.text(scanned, 1, SampleDocuments.studyText());
        tables.documentBytes(scanned, 2, SampleDocuments.scannedPdf(2), "scan.pdf", "application/pdf");
        long missingFile = tables.collection("u-1", 5, 3);
        tables.documentAt(missingFile, 1, "file:" + dir.resolve("gone.pdf"));
        long notAFile = tables.collection("u-1", 5, 3);
        tables.documentAt(notAFile, 1, "ftp://example.org/notes.pdf");
        long othersCollection = tables.collection("alice", 5, 3);
        tables.text(othersCollection, 1, SampleDocuments.studyText());
        long metadata = tables.collection("u-1", 5, 3);
        tables.text(metadata, 1, SampleDocuments.studyText());
        tables.documentAt(metadata, 2, "http://169.254.169.254/latest/meta-data/");
        long loopback = tables.collection("u-1", 5, 3);
        tables.documentAt(loopback, 1, "http://[::1]:" + TARGET.getPort() + "/notes.txt");
        long systemFile = tables.collection("u-1", 5, 3);
        tables.documentAt(systemFile, 1, "file:/etc/passwd");
        long hugeRow = tables.collection("u-1", 5, 3);
        tables.text(hugeRow, 1, SampleDocuments.studyText());
        tables.documentBytesInSql(hugeRow, 2, "convert_to(repeat('x', " + 21 * 1024 * 1024 + "), 'UTF8')", "huge.txt");
        long formFeeds = tables.collection("u-1", 5, 3);
        tables.documentBytesInSql(formFeeds, 1, "convert_to(repeat(chr(12), " + 5 * 1024 * 1024 + "), 'UTF8')",
                "pages.txt");
        long good = tables.collection("u-1", 5, 3);
        tables.text(good, 1, SampleDocuments.studyText());

        try (FamilyWorkers workers = CollectionJobs.workers(DB, LLM, CollectionSettings.defaults().withBaseDir(dir))) {
            Map<String, Expected> cases = new LinkedHashMap<>();
            cases.put("missing collection", new Expected(workers.enqueue(generate(987654)), null, "not_found",
                    "Study collection 987654 does not exist; it may have been deleted."));
            cases.put("no sources", new Expected(workers.enqueue(generate(noSources)), noSources, "no_sources",
                    "The collection has no sources to learn from."));
            cases.put("empty sources", new Expected(workers.enqueue(generate(emptySources)), emptySources, "no_sources",
                    "The collection has no sources to learn from."));
            cases.put("scanned pdf", new Expected(workers.enqueue(generate(scanned)), scanned, "no_text_layer",
                    "Source 2 (scan.pdf) could not be read: "
                            + "This PDF has no text layer (it looks scanned); OCR is not supported yet."));
            cases.put("missing file", new Expected(workers.enqueue(generate(missingFile)), missingFile, "not_found",
                    "Source 1 could not be read: The file gone.pdf does not exist or may not be read."));
            cases.put("bad location", new Expected(workers.enqueue(generate(notAFile)), notAFile, "refused",
                    "Source 1 could not be read: Documents can only be read from files or http(s) URLs, "
                            + "not from 'ftp:' locations."));
            String unreachable = "The document could not be downloaded: its address is not allowed or could not be reached.";
            cases.put("cloud metadata", new Expected(workers.enqueue(generate(metadata)), metadata, "refused",
                    "Source 2 could not be read: " + unreachable));
            cases.put("loopback", new Expected(workers.enqueue(generate(loopback)), loopback, "refused",
                    "Source 1 could not be read: " + unreachable));
            cases.put("system file", new Expected(workers.enqueue(generate(systemFile)), systemFile, "not_found",
                    "Source 1 could not be read: The file passwd does not exist or may not be read."));
            cases.put("21 MiB row", new Expected(workers.enqueue(generate(hugeRow)), hugeRow, "too_large",
                    "Source 2 (huge.txt) could not be read: The file is 21 MB; the limit is 20 MB."));
            cases.put("form feeds", new Expected(workers.enqueue(generate(formFeeds)), formFeeds, "too_large",
                    "Source 1 (pages.txt) could not be read: The document has more than 2,000 pages, the limit."));
            cases.put("missing id", new Expected(workers.enqueue(generate("{\"user_id\": \"u-1\"}")), null, "bad_payload",
                    "payload is missing required field 'collection_id' (or 'collectionId')"));
            cases.put("id not a number", new Expected(workers.enqueue(generate("{\"collection_id\": \"clx-1\"}")), null,
                    "bad_payload", "payload field 'collection_id' must be a positive integer (got 'clx-1')"));
            cases.put("id zero", new Expected(workers.enqueue(generate("{\"collection_id\": 0}")), null, "bad_payload",
                    "payload field 'collection_id' must be a positive integer (got 0)"));
            cases.put("wrong user", new Expected(
                    workers.enqueue(generate("{\"collection_id\": " + othersCollection + ", \"user_id\": \"u-1\"}")), null,
                    "wrong_user", "Study collection " + othersCollection + " does not belong to user u-1."));
            long goodJob = workers.enqueue(generate(good));

            workers.start();

            cases.forEach((name, expected) -> {
                JobRow job = workers.awaitFinished(expected.jobId());
                assertThat(job.status()).as(name).isEqualTo("failed");
                assertThat(job.attempts()).as(name).isEqualTo(1);
                assertThat(job.lastError()).as(name).isEqualTo(expected.message());
                assertThat(Payloads.tree(job.errors()).get(0).get("class").asText()).as(name)
                        .isEqualTo(expected.errorClass());
                if (expected.collectionId() != null) {
                    StudyTables.State state = tables.state(expected.collectionId());
                    assertThat(state.status()).as(name).isEqualTo("failed");
                    assertThat(state.errorMessage()).as(name).isEqualTo(expected.message());
                }
            });
            assertThat(tables.state(othersCollection).status()).as("another user's collection is untouched")
                    .isEqualTo("pending");
            JobRow ok = workers.awaitFinished(goodJob);
            assertThat(ok.status()).as(ok.lastError()).isEqualTo("completed");
            assertReadyAndValid(tables, good, 5, 3);
            assertThat(TARGET.getRequestCount()).as("the loopback target never got a request").isZero();
        }
    }
}
