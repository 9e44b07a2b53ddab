package io.jobfleet.collections;

import static org.assertj.core.api.Assertions.assertThat;

import io.jobfleet.collections.study.TextKey;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Checks a stored study set the way its user would: every card and question usable, nothing twice. */
public final class StudySetAssertions {
    private StudySetAssertions() {
    }

    /** The collection is ready and its stored rows are valid, within the targets and match its counts. */
    public static void assertReadyAndValid(StudyTables tables, long collectionId, int targetCards, int targetQuestions) {
        StudyTables.State state = tables.state(collectionId);
        List<StudyTables.Card> cards = tables.cards(collectionId);
        List<StudyTables.Question> questions = tables.questions(collectionId);
        assertThat(state.status()).isEqualTo("ready");
        assertThat(state.errorMessage()).isNull();
        assertThat(state.generatedAt()).isNotNull();
        assertThat(state.flashcardCount()).isEqualTo(cards.size()).isBetween(1, targetCards);
        assertThat(state.questionCount()).isEqualTo(questions.size()).isBetween(1, targetQuestions);
        assertThat(cards).extracting(StudyTables.Card::position)
                .containsExactlyElementsOf(range(cards.size()));
        assertThat(questions).extracting(StudyTables.Question::position)
                .containsExactlyElementsOf(range(questions.size()));
        Set<String> fronts = new HashSet<>();
        for (StudyTables.Card c : cards) {
            assertThat(c.front()).as("card %d", c.position()).isNotBlank();
            assertThat(c.back()).as("card %d", c.position()).isNotBlank();
            assertThat(fronts.add(TextKey.of(c.front()))).as("duplicate front: %s", c.front()).isTrue();
        }
        Set<String> asked = new HashSet<>();
        for (StudyTables.Question q : questions) {
            assertValidQuestion(q);
            assertThat(asked.add(TextKey.of(q.question()))).as("duplicate question: %s", q.question()).isTrue();
        }
    }

    /** Four non-empty distinct choices and exactly one correct index. */
    public static void assertValidQuestion(StudyTables.Question q) {
        assertThat(q.question()).isNotBlank();
        assertThat(q.explanation()).isNotBlank();
        assertThat(q.choices()).as(q.question()).hasSize(4).allSatisfy(c -> assertThat(c).isNotBlank());
        assertThat(q.choices().stream().map(c -> c.strip().toLowerCase(Locale.ROOT)).distinct().count())
                .as("distinct choices of %s", q.question()).isEqualTo(4);
        assertThat(q.correctIndex()).isBetween(0, 3);
    }

    private static List<Integer> range(int n) {
        return java.util.stream.IntStream.rangeClosed(1, n).boxed().toList();
    }
}
