package io.jobfleet.collections.store;

import io.jobfleet.collections.study.Flashcard;
import io.jobfleet.collections.study.QuizQuestion;
import io.jobfleet.engine.Payloads;
import io.jobfleet.mapping.MappedTable;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;

/**
 * Replaces the rows of one of the app's study item tables ({@code flashcards} or
 * {@code quiz_questions}) for a collection: delete, then insert with positions from 1. Statements
 * rendered once from the mapping; the row id is the database's default or, with
 * {@code id.generate: uuid}, made by the worker.
 *
 * @param <T> a flashcard or a quiz question
 */
final class StudyItemsTable<T> {
    private final MappedTable t;
    private final List<String> keys;
    private final BiConsumer<PreparedBatch, T> binder;
    private final String delete;
    private final String insert;

    private StudyItemsTable(MappedTable t, MappedTable collections, List<String> keys, BiConsumer<PreparedBatch, T> binder) {
        this.t = t;
        this.keys = keys;
        this.binder = binder;
        String collectionId = collections.idValue("collection_id");
        this.delete = "DELETE FROM " + t.table() + " WHERE " + t.col("collection_id") + " = " + collectionId;
        List<String> columns = new ArrayList<>();
        List<String> values = new ArrayList<>();
        if (t.generateId()) {
            columns.add(t.id());
            values.add(t.newId());
        }
        columns.add(t.col("collection_id"));
        values.add(collectionId);
        for (String key : keys) {
            if (t.has(key)) {
                columns.add(t.col(key));
                values.add(key.equals("choices") ? "CAST(:choices AS jsonb)" : ":" + key);
            }
        }
        this.insert = "INSERT INTO " + t.table() + " (" + String.join(", ", columns) + ") VALUES ("
                + String.join(", ", values) + ")";
    }

    static StudyItemsTable<Flashcard> flashcards(MappedTable t, MappedTable collections) {
        return new StudyItemsTable<>(t, collections, List.of("position", "front", "back", "source_ref", "job_id"),
                (b, c) -> b.bind("front", c.front()).bind("back", c.back()).bind("source_ref", c.sourceRef()));
    }

    static StudyItemsTable<QuizQuestion> questions(MappedTable t, MappedTable collections) {
        return new StudyItemsTable<>(t, collections, List.of("position", "question", "choices", "correct_index",
                        "explanation", "source_ref", "job_id"),
                (b, q) -> b.bind("question", q.question()).bind("choices", Payloads.write(q.choices()))
                        .bind("correct_index", q.correctIndex()).bind("explanation", q.explanation())
                        .bind("source_ref", q.sourceRef()));
    }

    /** Deletes the collection's rows and inserts {@code items}; a re-run never duplicates. */
    void replace(Handle h, String collectionId, long jobId, List<T> items) {
        h.createUpdate(delete).bind("collection_id", collectionId).execute();
        if (items.isEmpty()) {
            return;
        }
        PreparedBatch batch = h.prepareBatch(insert);
        int position = 1;
        for (T item : items) {
            batch.bind("collection_id", collectionId).bind("position", position++);
            binder.accept(batch, item);
            if (t.has("job_id")) {
                batch.bind("job_id", jobId);
            }
            batch.add();
        }
        batch.execute();
    }
}
