package io.jobfleet.collections.study;

/** A validated flashcard, trimmed; {@code sourceRef} names the source (and pages) it came from. */
public record Flashcard(String front, String back, String sourceRef) {
}
