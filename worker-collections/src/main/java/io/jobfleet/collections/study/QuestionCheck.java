package io.jobfleet.collections.study;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Why a drafted quiz question cannot be kept, if it cannot: it needs a question and an
 * explanation, exactly four non-empty distinct choices, and exactly one correct answer (an index
 * 0-3 whose choice text no other choice repeats).
 */
final class QuestionCheck {
    static final int CHOICES = 4;
    static final String EMPTY_TEXT = "a question without text or explanation";
    static final String CHOICE_COUNT = "a question without exactly four choices";
    static final String EMPTY_CHOICE = "an empty answer choice";
    static final String NO_CORRECT = "no answer marked correct";
    static final String TWO_CORRECT = "two answers marked correct";
    static final String REPEATED_CHOICE = "the same choice offered twice";

    private QuestionCheck() {
    }

    static Optional<String> problem(DraftQuestion q) {
        if (q == null || CardCheck.blank(q.question()) || CardCheck.blank(q.explanation())) {
            return Optional.of(EMPTY_TEXT);
        }
        List<String> choices = q.choices() == null ? List.of() : q.choices();
        if (choices.size() != CHOICES) {
            return Optional.of(CHOICE_COUNT);
        }
        if (choices.stream().anyMatch(CardCheck::blank)) {
            return Optional.of(EMPTY_CHOICE);
        }
        Integer correct = q.correctIndex();
        if (correct == null || correct < 0 || correct >= CHOICES) {
            return Optional.of(NO_CORRECT);
        }
        String answer = TextKey.choice(choices.get(correct));
        for (int i = 0; i < CHOICES; i++) {
            if (i != correct && TextKey.choice(choices.get(i)).equals(answer)) {
                return Optional.of(TWO_CORRECT);
            }
        }
        Set<String> distinct = new HashSet<>();
        choices.forEach(c -> distinct.add(TextKey.choice(c)));
        return distinct.size() == CHOICES ? Optional.empty() : Optional.of(REPEATED_CHOICE);
    }
}
