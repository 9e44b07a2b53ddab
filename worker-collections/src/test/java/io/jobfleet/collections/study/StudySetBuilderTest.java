package io.jobfleet.collections.study;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The validation and merge rules for model output, one rule per case. */
class StudySetBuilderTest {
    static DraftQuestion question(String text, int correct, String... choices) {
        return new DraftQuestion(text, Arrays.asList(choices), correct, "Because the text says so.");
    }

    @Test
    void questionsBreakingARuleAreDroppedWithTheirReason() {
        StudySetBuilder builder = new StudySetBuilder();
        builder.addQuestions(List.of(
                question("Which organelle makes ATP?", 1, "nucleus", "mitochondrion", "ribosome", "membrane"),
                question("Two correct?", 1, "nucleus", "mitochondrion", " Mitochondrion ", "membrane"),
                question("Three choices?", 0, "a", "b", "c"),
                question("Five choices?", 0, "a", "b", "c", "d", "e"),
                question("Empty choice?", 0, "a", "b", " ", "d"),
                question("Index out of range?", 4, "a", "b", "c", "d"),
                question("Repeated wrong choice?", 0, "a", "b", "b", "d"),
                new DraftQuestion("No index?", List.of("a", "b", "c", "d"), null, "x"),
                new DraftQuestion(" ", List.of("a", "b", "c", "d"), 0, "x"),
                new DraftQuestion("No explanation?", List.of("a", "b", "c", "d"), 0, ""),
                new DraftQuestion("No choices?", null, 0, "x")), "source 1");

        StudySet set = builder.build(Targets.clamped(20, 20));

        assertThat(set.questions()).singleElement().satisfies(q -> {
            assertThat(q.question()).isEqualTo("Which organelle makes ATP?");
            assertThat(q.correctIndex()).isEqualTo(1);
            assertThat(q.sourceRef()).isEqualTo("source 1");
        });
        assertThat(set.invalidQuestions()).containsExactly(QuestionCheck.TWO_CORRECT, QuestionCheck.CHOICE_COUNT,
                QuestionCheck.CHOICE_COUNT, QuestionCheck.EMPTY_CHOICE, QuestionCheck.NO_CORRECT,
                QuestionCheck.REPEATED_CHOICE, QuestionCheck.NO_CORRECT, QuestionCheck.EMPTY_TEXT,
                QuestionCheck.EMPTY_TEXT, QuestionCheck.CHOICE_COUNT);
    }

    @Test
    void cardsWithAnEmptySideAreDroppedAndDuplicatesAcrossChunksKeepTheFirst() {
        StudySetBuilder builder = new StudySetBuilder();
        builder.addCards(List.of(new DraftCard("What is DNA?", "A molecule.", "s"),
                new DraftCard("", "no front", "s"), new DraftCard("no back", null, "s")), "source 1");
        builder.addCards(List.of(new DraftCard("  what is   DNA ", "Another answer.", "s"),
                new DraftCard("What is a gene?", "A section of DNA.", "s")), "source 2");

        StudySet set = builder.build(Targets.clamped(20, 20));

        assertThat(set.flashcards()).extracting(Flashcard::front, Flashcard::back, Flashcard::sourceRef)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("What is DNA?", "A molecule.", "source 1"),
                        org.assertj.core.groups.Tuple.tuple("What is a gene?", "A section of DNA.", "source 2"));
        assertThat(set.invalidCards()).containsExactly(CardCheck.EMPTY_SIDE, CardCheck.EMPTY_SIDE);
        assertThat(set.duplicates()).isEqualTo(1);
    }

    @Test
    void theSetIsTrimmedToTheTargets() {
        StudySetBuilder builder = new StudySetBuilder();
        List<DraftCard> cards = new ArrayList<>();
        List<DraftQuestion> questions = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            cards.add(new DraftCard("Card " + (char) ('a' + i), "back", "s"));
            questions.add(question("Question " + (char) ('a' + i), 0, "w", "x", "y", "z"));
        }
        builder.addCards(cards, "r");
        builder.addQuestions(questions, "r");

        StudySet set = builder.build(Targets.clamped(4, 3));

        assertThat(set.flashcards()).extracting(Flashcard::front).containsExactly("Card a", "Card b", "Card c", "Card d");
        assertThat(set.questions()).hasSize(3);
        assertThat(set.shortfall(Targets.clamped(4, 3))).isEmpty();
    }

    @Test
    void dropsAreToleratedDownToHalfTheTarget() {
        Targets targets = Targets.clamped(4, 4);
        assertThat(targets.minimumQuestions()).isEqualTo(2);
        StudySetBuilder enough = new StudySetBuilder();
        enough.addCards(List.of(new DraftCard("f", "b", "s")), "r");
        enough.addQuestions(List.of(question("q1", 0, "a", "a", "c", "d"), question("q2", 0, "a", "b", "c", "d"),
                question("q3", 0, "a", "b", "c", "d")), "r");
        assertThat(enough.build(targets).shortfall(targets)).isEmpty();

        StudySetBuilder tooFew = new StudySetBuilder();
        tooFew.addCards(List.of(new DraftCard("f", "b", "s")), "r");
        tooFew.addQuestions(List.of(question("q1", 0, "a", "a", "c", "d"), question("q2", 0, "a", "b", "c", "d")), "r");
        assertThat(tooFew.build(Targets.clamped(4, 3)).shortfall(Targets.clamped(4, 3)))
                .contains("The AI returned an invalid quiz (two answers marked correct)");
    }

    @Test
    void anEmptyAnswerIsAShortfall() {
        StudySetBuilder builder = new StudySetBuilder();
        builder.addQuestions(List.of(question("q1", 0, "a", "b", "c", "d")), "r");
        assertThat(builder.build(Targets.clamped(5, 5)).shortfall(Targets.clamped(5, 5)))
                .contains("The AI returned no flashcards");
    }

    @Test
    void targetsAreClampedToTheirBounds() {
        assertThat(Targets.clamped(0, -3)).isEqualTo(new Targets(1, 1));
        assertThat(Targets.clamped(500, 500)).isEqualTo(new Targets(200, 100));
        assertThat(Targets.clamped(20, 10)).isEqualTo(new Targets(20, 10));
    }

    @Test
    void sharesFollowChunkSizesAddUpToTheTargetAndGiveEveryChunkOne() {
        assertThat(Shares.of(20, List.of(12000, 6000, 6000))).containsExactly(10, 5, 5);
        assertThat(Shares.of(10, List.of(100, 100, 100))).containsExactly(4, 3, 3);
        assertThat(Shares.of(10, List.of(10000, 10))).containsExactly(9, 1);
        assertThat(Shares.of(2, List.of(5, 5, 5, 5))).containsExactly(1, 1, 1, 1);
        assertThat(Shares.of(7, List.of(1234))).containsExactly(7);
    }

    @Test
    void frontsAreComparedWithoutCasePunctuationOrExtraSpaces() {
        assertThat(TextKey.of("  What is the cell's  NUCLEUS?! ")).isEqualTo("what is the cells nucleus");
        assertThat(TextKey.choice(" 1.5 ")).isNotEqualTo(TextKey.choice("15"));
    }
}
