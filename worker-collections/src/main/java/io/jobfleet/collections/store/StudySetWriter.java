package io.jobfleet.collections.store;

import io.jobfleet.collections.study.StudySet;
import io.jobfleet.engine.FencedWrites;
import org.jdbi.v3.core.Handle;

/**
 * The fenced completion of a run: replaces the collection's flashcards and questions (delete, then
 * insert with positions from 1) and marks it {@code ready} with its counts, in the transaction
 * that completes the job. A collection deleted meanwhile is left alone.
 */
public final class StudySetWriter implements FencedWrites {
    private final CollectionTables tables;
    private final String collectionId;
    private final long jobId;
    private final StudySet set;

    StudySetWriter(CollectionTables tables, String collectionId, long jobId, StudySet set) {
        this.tables = tables;
        this.collectionId = collectionId;
        this.jobId = jobId;
        this.set = set;
    }

    @Override
    public void write(Handle h) {
        if (!tables.collections().lock(h, collectionId)) {
            return;
        }
        tables.flashcards().replace(h, collectionId, jobId, set.flashcards());
        tables.questions().replace(h, collectionId, jobId, set.questions());
        tables.collections().ready(h, collectionId, set.flashcards().size(), set.questions().size());
    }
}
