package io.jobfleet.collections.ai;

import io.jobfleet.collections.study.DraftCard;
import java.util.List;

/** The {@code flashcards} structured answer. */
public record FlashcardsAnswer(List<DraftCard> flashcards) {
}
