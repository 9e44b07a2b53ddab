package io.jobfleet.collections.study;

import java.util.Optional;

/** Why a drafted flashcard cannot be kept, if it cannot. */
final class CardCheck {
    static final String EMPTY_SIDE = "a card with an empty side";

    private CardCheck() {
    }

    static Optional<String> problem(DraftCard card) {
        if (card == null || blank(card.front()) || blank(card.back())) {
            return Optional.of(EMPTY_SIDE);
        }
        return Optional.empty();
    }

    static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
