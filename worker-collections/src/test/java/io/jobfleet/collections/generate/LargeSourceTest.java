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
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A source longer than one chunk is sent in several requests and the answers are merged: the
 * text repeats itself, so later chunks yield the same cards and questions again, which are
 * dropped; a multi-page document's chunks cite their pages.
 */
class LargeSourceTest {
    @RegisterExtension
    static final TestDatabase DB = new TestDatabase();
    @RegisterExtension
    static final SimulatedLlm LLM = SimulatedLlm.withDefaultClient();

    @Test
    void aLargeSourceIsProcessedInSeveralChunksAndMergedWithoutDuplicates() {
        StudyTables tables = new StudyTables(DB).migrate();
        long id = tables.collection("u-1", 30, 12);
        String repeated = String.join("\n\n", Collections.nCopies(3, SampleDocuments.studyText()));
        tables.text(id, 1, repeated);
        List<List<String>> pages = List.of(
                List.of("Photosynthesis is the process by which plants turn light into sugar."),
                List.of("Osmosis is the movement of water through a membrane."),
                List.of("Respiration is the process that releases energy from sugar."));
        tables.documentBytes(id, 2, SampleDocuments.docx(pages), "plants.docx", null);
        CollectionSettings settings = CollectionSettings.defaults().withChunkChars(600);

        try (FamilyWorkers workers = CollectionJobs.workers(DB, LLM, settings).start()) {
            long requestsBefore = LLM.requests();
            JobRow job = workers.awaitFinished(workers.enqueue(generate(id)));

            assertThat(job.status()).as(job.lastError()).isEqualTo("completed");
            JsonNode result = Payloads.tree(job.result());
            int chunks = result.get("chunks").asInt();
            assertThat(chunks).isGreaterThanOrEqualTo(1 + repeated.length() / 600);
            assertThat(result.at("/usage/calls").asInt()).isEqualTo(2 * chunks);
            assertThat(LLM.requests() - requestsBefore).isEqualTo(2L * chunks);
            assertThat(result.at("/dropped/duplicates").asInt()).isPositive();
            assertThat(result.at("/dropped/invalid").asInt()).isZero();
            assertReadyAndValid(tables, id, 30, 12);
            assertThat(tables.cards(id)).extracting(StudyTables.Card::front)
                    .contains("What is the mitochondrion?", "What is Osmosis?");
            assertThat(tables.cards(id)).extracting(StudyTables.Card::sourceRef)
                    .contains("source 1 (pasted text)").anyMatch(ref -> ref.startsWith("source 2 (plants.docx), page"));
        }
    }
}
