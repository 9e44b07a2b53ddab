package io.jobfleet.collections.store;

/**
 * The columns of a collection row the handler reads.
 *
 * @param id the row's id as text (whatever the mapped id type)
 */
public record CollectionRow(String id, String userId, int targetFlashcards, int targetQuestions) {
}
