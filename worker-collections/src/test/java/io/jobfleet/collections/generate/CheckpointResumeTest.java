package io.jobfleet.collections.generate;

import static io.jobfleet.collections.CollectionJobs.generate;
import static io.jobfleet.collections.StudySetAssertions.assertReadyAndValid;
import static org.assertj.core.api.Assertions.assertThat;

import io.jobfleet.collections.CollectionJobs;
import io.jobfleet.collections.CollectionSettings;
import io.jobfleet.collections.StudyTables;
import io.jobfleet.db.JobRow;
import io.jobfleet.engine.Payloads;
import io.jobfleet.llm.sim.testing.SimulatedLlm;
import io.jobfleet.testing.FamilyWorkers;
import io.jobfleet.testing.TestDatabase;
import io.jobfleet.text.samples.SampleDocuments;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Each flashcards and quiz answer is a checkpoint: a retry asks only for the answers no earlier
 * attempt got, and the study set equals that of a run without faults.
 */
class CheckpointResumeTest {
    @RegisterExtension
    static final TestDatabase DB = new TestDatabase();
    /** No in-call retries: a failed LLM call fails the attempt. */
    @RegisterExtension
    static final SimulatedLlm LLM = new SimulatedLlm();
    static StudyTables tables;

    @BeforeAll
    static void tables() {
        tables = new StudyTables(DB).migrate();
    }

    /** Three pasted sources, one chunk each; {@code marker} goes into the second. */
    private static long collection(String marker) {
        long id = tables.collection("u-1", 12, 6);
        tables.text(id, 1, SampleDocuments.studyText());
        tables.text(id, 2, GenerateCollectionTest.HEART_PAGES.get(0) + " " + marker);
        tables.text(id, 3, GenerateCollectionTest.HEART_PAGES.get(1));
        return id;
    }

    private static List<String> studySet(long id) {
        return java.util.stream.Stream.concat(
                tables.cards(id).stream().map(c -> c.position() + " " + c.front() + " | " + c.back() + " | " + c.sourceRef()),
                tables.questions(id).stream().map(q -> q.position() + " " + q.question() + " " + q.choices() + " "
                        + q.correctIndex())).toList();
    }

    @Test
    void aRetryAsksOnlyForTheAnswersNotSavedYet() {
        try (FamilyWorkers workers = CollectionJobs.workers(DB, LLM, CollectionSettings.defaults()).start()) {
            long clean = collection("");
            long before = LLM.requests();
            JobRow cleanJob = workers.awaitFinished(workers.enqueue(generate(clean)));
            assertThat(cleanJob.status()).as(cleanJob.lastError()).isEqualTo("completed");
            assertThat(Payloads.tree(cleanJob.result()).get("chunks").asInt()).isEqualTo(3);
            assertThat(LLM.requests() - before).as("flashcards and quiz for each of 3 chunks").isEqualTo(6);

            // the second chunk's first flashcards request and its first quiz request each fail once (503)
            long faulty = collection("[sim:fail-first=1]");
            before = LLM.requests();
            long jobId = workers.enqueue(generate(faulty));
            JobRow job = workers.awaitFinished(jobId);

            assertThat(job.status()).as(job.lastError()).isEqualTo("completed");
            assertThat(job.attempts()).isEqualTo(3);
            // attempt 1: chunk 1 (2 calls), chunk 2 flashcards failing; attempt 2: chunk 2 flashcards,
            // quiz failing; attempt 3: chunk 2 quiz, chunk 3 (2 calls). Without checkpoints: 3 + 4 + 6.
            assertThat(LLM.requests() - before).isEqualTo(3 + 2 + 3);
            assertReadyAndValid(tables, faulty, 12, 6);
            assertThat(studySet(faulty)).as("the same study set as the run without faults")
                    .isNotEmpty().containsExactlyElementsOf(studySet(clean));
            assertThat(workers.jobs().checkpoints(jobId)).as("deleted by the completion").isEmpty();
            assertThat(Payloads.tree(job.progress()).path("done").asInt()).isEqualTo(3);
            assertThat(Payloads.tree(job.progress()).path("stage").asText()).isEqualTo("chunks");
        }
    }
}
