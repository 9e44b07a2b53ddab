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
import io.jobfleet.text.samples.SampleDocuments;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** A collection of pasted text, a PDF file and a DOCX stored on the row becomes a valid study set; a re-run replaces it. */
class GenerateCollectionTest {
    @RegisterExtension
    static final io.jobfleet.testing.TestDatabase DB = new io.jobfleet.testing.TestDatabase();
    @RegisterExtension
    static final SimulatedLlm LLM = SimulatedLlm.withDefaultClient();
    static StudyTables tables;

    static final List<String> HEART_PAGES = List.of("""
            The circulatory system

            The heart is the muscular organ that pumps blood through the body. An artery is a blood vessel
            that carries blood away from the heart. A vein is a blood vessel that carries blood back to the heart.""",
            """
            Blood

            Plasma is the yellow liquid part of blood that carries cells and nutrients. Hemoglobin is the
            protein in red blood cells that binds oxygen. A platelet is a small cell fragment that helps blood to clot.""");

    static final List<List<String>> ECOLOGY_PAGES = List.of(
            List.of("Ecology", "An ecosystem is a community of living things together with their environment.",
                    "A producer is an organism that makes its own food from light or chemicals."),
            List.of("A consumer is an organism that eats other organisms to get energy.",
                    "A decomposer is an organism that breaks down dead material and returns nutrients to the soil."));

    @BeforeAll
    static void tables() {
        tables = new StudyTables(DB).migrate();
    }

    @Test
    void severalSourcesBecomeOneValidStudySetAndARerunReplacesIt(@TempDir Path dir) throws Exception {
        Path pdf = dir.resolve("circulation.pdf");
        Files.write(pdf, SampleDocuments.pdf(HEART_PAGES));
        long id = tables.collection("u-1", 12, 6);
        tables.text(id, 1, SampleDocuments.studyText());
        tables.documentAt(id, 2, "file:" + pdf);
        tables.documentBytes(id, 3, SampleDocuments.docx(ECOLOGY_PAGES), "ecology.docx", null);

        CollectionSettings settings = CollectionSettings.defaults().withBaseDir(dir);
        try (FamilyWorkers workers = CollectionJobs.workers(DB, LLM, settings).start()) {
            JobRow first = workers.awaitFinished(
                    workers.enqueue(generate("{\"collection_id\": " + id + ", \"user_id\": \"u-1\"}")));
            assertThat(first.status()).as(first.lastError()).isEqualTo("completed");
            assertReadyAndValid(tables, id, 12, 6);

            JsonNode result = Payloads.tree(first.result());
            List<StudyTables.Card> cards = tables.cards(id);
            List<StudyTables.Question> questions = tables.questions(id);
            assertThat(result.get("collection_id").asLong()).isEqualTo(id);
            assertThat(result.get("flashcards").asInt()).isEqualTo(cards.size());
            assertThat(result.get("questions").asInt()).isEqualTo(questions.size());
            assertThat(result.get("sources").asInt()).isEqualTo(3);
            assertThat(result.get("chunks").asInt()).isEqualTo(3);
            assertThat(result.at("/usage/calls").asInt()).isEqualTo(6);
            assertThat(result.at("/usage/total_tokens").asLong()).isPositive();
            assertThat(cards).allSatisfy(c -> assertThat(c.jobId()).isEqualTo(first.id()));
            Set<String> refs = cards.stream().map(StudyTables.Card::sourceRef).collect(Collectors.toSet());
            assertThat(refs).contains("source 1 (pasted text)", "source 2 (circulation.pdf), pages 1-2",
                    "source 3 (ecology.docx), pages 1-2");
            assertThat(cards).extracting(StudyTables.Card::front).contains("What is a cell?",
                    "What is an artery?", "What is a producer?");

            JobRow second = workers.awaitFinished(workers.enqueue(generate(id)));
            assertThat(second.status()).as(second.lastError()).isEqualTo("completed");
            assertReadyAndValid(tables, id, 12, 6);
            List<StudyTables.Card> cardsAgain = tables.cards(id);
            assertThat(cardsAgain).hasSameSizeAs(cards);
            assertThat(tables.questions(id)).hasSameSizeAs(questions);
            assertThat(cardsAgain).extracting(StudyTables.Card::front)
                    .containsExactlyElementsOf(cards.stream().map(StudyTables.Card::front).toList());
            assertThat(cardsAgain).allSatisfy(c -> assertThat(c.jobId()).isEqualTo(second.id()));
            assertThat(tables.state(id).flashcardCount()).isEqualTo(cards.size());
        }
    }
}
