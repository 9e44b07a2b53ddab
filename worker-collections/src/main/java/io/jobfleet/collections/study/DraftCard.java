package io.jobfleet.collections.study;

/** A flashcard as the model wrote it, before validation; {@code source} is the passage it quotes. */
public record DraftCard(String front, String back, String source) {
}
