package io.jobfleet.collections.study;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The flashcards and questions to store, and what was dropped on the way: the reasons of invalid
 * items and the number of duplicates.
 */
public record StudySet(List<Flashcard> flashcards, List<QuizQuestion> questions, List<String> invalidCards,
                       List<String> invalidQuestions, int duplicates) {
    public StudySet {
        flashcards = List.copyOf(flashcards);
        questions = List.copyOf(questions);
        invalidCards = List.copyOf(invalidCards);
        invalidQuestions = List.copyOf(invalidQuestions);
    }

    /**
     * Why this set is not good enough to keep, as the start of a sentence for the user, e.g.
     * "The AI returned an invalid quiz (two answers marked correct)": invalid items were dropped
     * and fewer than half the target remain, or the model returned nothing at all.
     */
    public Optional<String> shortfall(Targets targets) {
        if (!invalidCards.isEmpty() && flashcards.size() < targets.minimumFlashcards()) {
            return Optional.of("The AI returned invalid flashcards (" + mostCommon(invalidCards) + ")");
        }
        if (!invalidQuestions.isEmpty() && questions.size() < targets.minimumQuestions()) {
            return Optional.of("The AI returned an invalid quiz (" + mostCommon(invalidQuestions) + ")");
        }
        if (flashcards.isEmpty()) {
            return Optional.of("The AI returned no flashcards");
        }
        if (questions.isEmpty()) {
            return Optional.of("The AI returned no quiz questions");
        }
        return Optional.empty();
    }

    public int invalidCount() {
        return invalidCards.size() + invalidQuestions.size();
    }

    private static String mostCommon(List<String> reasons) {
        Map<String, Long> counts = reasons.stream()
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
        return reasons.stream().distinct()
                .max(Comparator.comparingLong(counts::get))
                .orElse("unknown problem");
    }
}
