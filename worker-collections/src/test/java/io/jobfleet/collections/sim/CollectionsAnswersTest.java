package io.jobfleet.collections.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.jobfleet.engine.Payloads;
import io.jobfleet.llm.Cancellation;
import io.jobfleet.llm.ChatRequest;
import io.jobfleet.llm.ResponseSchema;
import io.jobfleet.llm.SchemaValidator;
import io.jobfleet.llm.Structured;
import io.jobfleet.llm.sim.LlmSimulator;
import io.jobfleet.llm.sim.testing.SimulatedLlm;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The simulator, with the family's answers found on the class path, answers flashcards and quizzes. */
class CollectionsAnswersTest {
    static final ResponseSchema FLASHCARDS = ResponseSchema.parse("flashcards", """
            {"type":"object","additionalProperties":false,"required":["flashcards"],
             "properties":{"flashcards":{"type":"array","items":{"type":"object","additionalProperties":false,
               "required":["front","back","source"],
               "properties":{"front":{"type":"string"},"back":{"type":"string"},"source":{"type":"string"}}}}}}
            """);

    static final ResponseSchema QUIZ = ResponseSchema.parse("quiz", """
            {"type":"object","additionalProperties":false,"required":["questions"],
             "properties":{"questions":{"type":"array","items":{"type":"object","additionalProperties":false,
               "required":["question","choices","correct_index","explanation"],
               "properties":{"question":{"type":"string"},
                             "choices":{"type":"array","minItems":4,"maxItems":4,"items":{"type":"string"}},
                             "correct_index":{"type":"integer","minimum":0,"maximum":3},
                             "explanation":{"type":"string"}}}}}}
            """);

    record Flashcards(List<Flashcard> flashcards) {
    }

    record Flashcard(String front, String back, String source) {
    }

    record Quiz(List<Question> questions) {
    }

    record Question(String question, List<String> choices, int correctIndex, String explanation) {
    }

    @RegisterExtension
    static final SimulatedLlm LLM = new SimulatedLlm();

    private <T> Structured<T> ask(String system, String user, ResponseSchema schema, Class<T> type) throws Exception {
        Structured<T> answer = LLM.client().chatStructured(ChatRequest.of(system, user), schema, type, Cancellation.NONE);
        assertThat(SchemaValidator.validate(schema.schema(), Payloads.tree(answer.rawContent()))).isEmpty();
        assertThat(answer.model()).isEqualTo(LlmSimulator.MODEL);
        return answer;
    }

    @Test
    void flashcardsFromQuestionsAndDefinitionsInTheRequestedNumber() throws Exception {
        String text = "Photosynthesis is the process by which plants turn light into chemical energy. "
                + "What is chlorophyll? It is the green pigment that absorbs light. "
                + "The mitochondria are the powerhouse of the cell. Cells divide by mitosis.";
        Flashcards three = ask("Make 3 flashcards.", text, FLASHCARDS, Flashcards.class).value();
        assertThat(three.flashcards()).extracting(Flashcard::front).containsExactly(
                "What is chlorophyll?", "What is Photosynthesis?", "What are the mitochondria?");
        assertThat(three.flashcards().get(0).back()).isEqualTo("It is the green pigment that absorbs light.");
        assertThat(three.flashcards().get(2).back()).isEqualTo("The powerhouse of the cell.");
        assertThat(three.flashcards().get(1).source()).startsWith("Photosynthesis is the process");

        Flashcards all = ask("Make flashcards.", text, FLASHCARDS, Flashcards.class).value();
        assertThat(all.flashcards()).hasSize(4);
        assertThat(all.flashcards().get(3).back()).isEqualTo("Cells divide by mitosis.");
    }

    @Test
    void quizHasDistinctChoicesWithExactlyOneCorrect() throws Exception {
        String text = "Jupiter is the largest planet in the solar system. Mars has 2 small moons. "
                + "Venus rotates backwards compared with most planets.";
        Quiz quiz = ask("Write 4 questions for students.", text, QUIZ, Quiz.class).value();

        assertThat(quiz.questions()).hasSize(4);
        List<String> sentences = List.of("Jupiter is the largest planet in the solar system.", "Mars has 2 small moons.",
                "Venus rotates backwards compared with most planets.");
        for (Question q : quiz.questions()) {
            assertThat(new HashSet<>(q.choices())).as(q.question()).hasSize(4);
            assertThat(q.question()).startsWith("Fill in the blank: ").contains("_____");
            String filled = q.question().replace("Fill in the blank: ", "").replace("_____", q.choices().get(q.correctIndex()));
            assertThat(sentences).contains(filled);
            for (int i = 0; i < 4; i++) {
                if (i != q.correctIndex()) {
                    assertThat(sentences).doesNotContain(q.question().replace("Fill in the blank: ", "")
                            .replace("_____", q.choices().get(i)));
                }
            }
            assertThat(q.explanation()).isEqualTo("The text says: " + filled);
        }
        assertThat(quiz.questions().get(1).choices().get(quiz.questions().get(1).correctIndex())).isEqualTo("2");
        assertThat(new HashSet<>(quiz.questions().stream().map(Question::correctIndex).toList()))
                .as("the correct answer is not always at the same position").hasSizeGreaterThan(1);
    }

    @Test
    void twoCorrectMarkerRepeatsTheCorrectChoiceOfTheFirstQuestion() throws Exception {
        String text = "Jupiter is the largest planet in the solar system. Mars has 2 small moons.";
        Quiz quiz = ask("Write 2 questions.", text + " [sim:two_correct]", QUIZ, Quiz.class).value();
        Question first = quiz.questions().get(0);
        String correct = first.choices().get(first.correctIndex());
        assertThat(first.choices()).filteredOn(correct::equals).hasSize(2);
        assertThat(new HashSet<>(quiz.questions().get(1).choices())).hasSize(4);
        assertThat(first.explanation()).doesNotContain("[sim:");
    }

    @Test
    void domainAnswersAreAdaptedToAStricterSchema() throws Exception {
        ResponseSchema moreCards = ResponseSchema.parse("flashcards", FLASHCARDS.schema().toString()
                .replace("\"type\":\"array\"", "\"type\":\"array\",\"minItems\":3"));
        Flashcards cards = ask("Make flashcards.", "Rust is a systems language.", moreCards, Flashcards.class).value();
        assertThat(cards.flashcards()).hasSize(3);
        assertThat(cards.flashcards().get(0).front()).isEqualTo("What is Rust?");
    }
}
