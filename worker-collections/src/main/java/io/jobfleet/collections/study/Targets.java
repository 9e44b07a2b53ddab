package io.jobfleet.collections.study;

/**
 * How many flashcards and questions a collection asks for, clamped to the family's bounds
 * (flashcards 1-200, questions 1-100).
 */
public record Targets(int flashcards, int questions) {
    public static final int FLASHCARDS_MIN = 1;
    public static final int FLASHCARDS_MAX = 200;
    public static final int QUESTIONS_MIN = 1;
    public static final int QUESTIONS_MAX = 100;

    public Targets {
        if (flashcards < FLASHCARDS_MIN || flashcards > FLASHCARDS_MAX
                || questions < QUESTIONS_MIN || questions > QUESTIONS_MAX) {
            throw new IllegalArgumentException("targets out of bounds: " + flashcards + " flashcards, "
                    + questions + " questions; use Targets.clamped");
        }
    }

    /** The collection's settings brought within bounds. */
    public static Targets clamped(int flashcards, int questions) {
        return new Targets(clamp(flashcards, FLASHCARDS_MIN, FLASHCARDS_MAX), clamp(questions, QUESTIONS_MIN, QUESTIONS_MAX));
    }

    /** Valid flashcards needed when the model's answer held invalid ones: half the target, rounded up. */
    public int minimumFlashcards() {
        return half(flashcards);
    }

    /** Valid questions needed when the model's answer held invalid ones: half the target, rounded up. */
    public int minimumQuestions() {
        return half(questions);
    }

    private static int half(int n) {
        return (n + 1) / 2;
    }

    private static int clamp(int n, int min, int max) {
        return Math.max(min, Math.min(max, n));
    }
}
