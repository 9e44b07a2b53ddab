package io.jobfleet.collections.study;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Merges the model's answers for all chunks into one study set: drops invalid items (remembering
 * why), drops duplicates (same normalized front, same normalized question; the first one wins),
 * and trims to the targets.
 */
public final class StudySetBuilder {
    private final Map<String, Flashcard> cards = new LinkedHashMap<>();
    private final Map<String, QuizQuestion> questions = new LinkedHashMap<>();
    private final List<String> cardProblems = new ArrayList<>();
    private final List<String> questionProblems = new ArrayList<>();
    private int duplicates;

    public void addCards(List<DraftCard> drafts, String sourceRef) {
        for (DraftCard draft : drafts == null ? List.<DraftCard>of() : drafts) {
            Optional<String> problem = CardCheck.problem(draft);
            if (problem.isPresent()) {
                cardProblems.add(problem.get());
                continue;
            }
            Flashcard card = new Flashcard(draft.front().strip(), draft.back().strip(), sourceRef);
            if (cards.putIfAbsent(TextKey.of(card.front()), card) != null) {
                duplicates++;
            }
        }
    }

    public void addQuestions(List<DraftQuestion> drafts, String sourceRef) {
        for (DraftQuestion draft : drafts == null ? List.<DraftQuestion>of() : drafts) {
            Optional<String> problem = QuestionCheck.problem(draft);
            if (problem.isPresent()) {
                questionProblems.add(problem.get());
                continue;
            }
            QuizQuestion q = new QuizQuestion(draft.question().strip(),
                    draft.choices().stream().map(String::strip).toList(), draft.correctIndex(),
                    draft.explanation().strip(), sourceRef);
            if (questions.putIfAbsent(TextKey.of(q.question()), q) != null) {
                duplicates++;
            }
        }
    }

    /** The merged set, trimmed to {@code targets}. */
    public StudySet build(Targets targets) {
        List<Flashcard> keptCards = cards.values().stream().limit(targets.flashcards()).toList();
        List<QuizQuestion> keptQuestions = questions.values().stream().limit(targets.questions()).toList();
        return new StudySet(keptCards, keptQuestions, cardProblems, questionProblems, duplicates);
    }
}
