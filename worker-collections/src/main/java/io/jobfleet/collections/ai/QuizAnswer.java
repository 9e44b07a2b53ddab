package io.jobfleet.collections.ai;

import io.jobfleet.collections.study.DraftQuestion;
import java.util.List;

/** The {@code quiz} structured answer. */
public record QuizAnswer(List<DraftQuestion> questions) {
}
