package io.jobfleet.collections.study;

import java.util.List;

/** A quiz question as the model wrote it, before validation. */
public record DraftQuestion(String question, List<String> choices, Integer correctIndex, String explanation) {
}
