package io.jobfleet.collections.study;

import java.util.List;

/**
 * A validated multiple-choice question: four distinct, trimmed choices and exactly one correct
 * one at {@code correctIndex} (0-3).
 */
public record QuizQuestion(String question, List<String> choices, int correctIndex, String explanation,
                           String sourceRef) {
    public QuizQuestion {
        choices = List.copyOf(choices);
    }
}
