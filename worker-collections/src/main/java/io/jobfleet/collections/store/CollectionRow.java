package io.jobfleet.collections.store;

/** The columns of a {@code study_collections} row the handler reads. */
public record CollectionRow(long id, String userId, String title, String status, int targetFlashcards,
                            int targetQuestions) {
}
