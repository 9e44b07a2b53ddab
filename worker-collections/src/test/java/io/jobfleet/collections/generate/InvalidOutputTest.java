package io.jobfleet.collections.generate;

import static io.jobfleet.collections.CollectionJobs.generate;
import static io.jobfleet.collections.StudySetAssertions.assertReadyAndValid;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.jobfleet.collections.CollectionJobs;
import io.jobfleet.collections.CollectionSettings;
import io.jobfleet.collections.StudyTables;
import io.jobfleet.db.JobRow;
import io.jobfleet.engine.Payloads;
import io.jobfleet.llm.sim.testing.SimulatedLlm;
import io.jobfleet.testing.FamilyWorkers;
import io.jobfleet.testing.TestDatabase;
import io.jobfleet.text.samples.SampleDocuments;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A quiz question with two correct answers ({@code [sim:two_correct]} makes the simulator's first
 * question repeat its correct choice) is dropped when enough valid questions remain, and makes the
 * job retry, then fail with a readable message, when too few do.
 */
class InvalidOutputTest {
    @RegisterExtension
    static final TestDatabase DB = new TestDatabase();
    @RegisterExtension
    static final SimulatedLlm LLM = SimulatedLlm.withDefaultClient();
    static StudyTables tables;
    static FamilyWorkers workers;

    static final String TWO_CORRECT = SampleDocuments.studyText() + "\n\n[sim:two_correct]";

    @BeforeAll
    static void start() {
        tables = new StudyTables(DB).migrate();
        workers = CollectionJobs.workers(DB, LLM, CollectionSettings.defaults()).start();
    }

    @AfterAll
    static void stop() {
        workers.close();
    }

    @Test
    void anInvalidQuestionIsDroppedWhenEnoughValidOnesRemain() {
        long id = tables.collection("u-1", 5, 6);
        tables.text(id, 1, TWO_CORRECT);

        JobRow job = workers.awaitFinished(workers.enqueue(generate(id)));

        assertThat(job.status()).as(job.lastError()).isEqualTo("completed");
        assertThat(job.attempts()).isEqualTo(1);
        JsonNode result = Payloads.tree(job.result());
        assertThat(result.at("/dropped/invalid").asInt()).isEqualTo(1);
        assertThat(result.get("questions").asInt()).isEqualTo(5);
        assertReadyAndValid(tables, id, 5, 6);
        assertThat(tables.questions(id)).hasSize(5);
    }

    @Test
    void tooFewValidQuestionsAreRetriedThenFailTheCollectionWithAReadableMessage() {
        long id = tables.collection("u-1", 3, 1);
        tables.text(id, 1, TWO_CORRECT);

        JobRow job = workers.awaitFinished(workers.enqueue(generate(id)));

        String finalMessage = "The AI returned an invalid quiz (two answers marked correct). Gave up after 3 attempts.";
        assertThat(job.status()).isEqualTo("failed");
        assertThat(job.attempts()).isEqualTo(3);
        assertThat(job.lastError()).isEqualTo(finalMessage);
        JsonNode errors = Payloads.tree(job.errors());
        assertThat(errors).hasSize(3);
        assertThat(errors.get(0).get("class").asText()).isEqualTo("invalid_output");
        assertThat(errors.get(0).get("message").asText())
                .isEqualTo("The AI returned an invalid quiz (two answers marked correct).");
        StudyTables.State state = tables.state(id);
        assertThat(state.status()).isEqualTo("failed");
        assertThat(state.errorMessage()).isEqualTo(finalMessage);
        assertThat(tables.cards(id)).isEmpty();
        assertThat(tables.questions(id)).isEmpty();
    }
}
