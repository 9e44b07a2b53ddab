package io.jobfleet.collections.store;

import io.jobfleet.collections.CollectionsMapping;
import io.jobfleet.collections.study.Flashcard;
import io.jobfleet.collections.study.QuizQuestion;
import io.jobfleet.collections.study.StudySet;
import io.jobfleet.mapping.AppMapping;
import io.jobfleet.mapping.MappedTable;

/** The collections family's app tables with their statements, rendered once from the mapping at start. */
public final class CollectionTables {
    private final CollectionsTable collections;
    private final SourcesTable sources;
    private final StudyItemsTable<Flashcard> flashcards;
    private final StudyItemsTable<QuizQuestion> questions;

    public CollectionTables(AppMapping mapping) {
        MappedTable c = mapping.table(CollectionsMapping.COLLECTIONS);
        this.collections = new CollectionsTable(c);
        this.sources = new SourcesTable(mapping.table(CollectionsMapping.SOURCES), c);
        this.flashcards = StudyItemsTable.flashcards(mapping.table(CollectionsMapping.FLASHCARDS), c);
        this.questions = StudyItemsTable.questions(mapping.table(CollectionsMapping.QUESTIONS), c);
    }

    public CollectionsTable collections() {
        return collections;
    }

    public SourcesTable sources() {
        return sources;
    }

    StudyItemsTable<Flashcard> flashcards() {
        return flashcards;
    }

    StudyItemsTable<QuizQuestion> questions() {
        return questions;
    }

    /** The fenced write storing {@code set} as the collection's study set, for job {@code jobId}. */
    public StudySetWriter writer(String collectionId, long jobId, StudySet set) {
        return new StudySetWriter(this, collectionId, jobId, set);
    }
}
