package io.jobfleet.collections.store;

import io.jobfleet.collections.study.Flashcard;
import io.jobfleet.collections.study.QuizQuestion;
import io.jobfleet.collections.study.StudySet;
import io.jobfleet.engine.FencedWrites;
import io.jobfleet.engine.Payloads;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;

/**
 * The fenced completion of a run: replaces the collection's flashcards and questions (delete, then
 * insert with positions from 1) and marks it {@code ready} with its counts, in the transaction
 * that completes the job. A collection deleted meanwhile is left alone.
 */
public final class StudySetWriter implements FencedWrites {
    private final long collectionId;
    private final long jobId;
    private final StudySet set;

    public StudySetWriter(long collectionId, long jobId, StudySet set) {
        this.collectionId = collectionId;
        this.jobId = jobId;
        this.set = set;
    }

    @Override
    public void write(Handle h) {
        boolean exists = h.createQuery("SELECT id FROM study_collections WHERE id = :id FOR UPDATE")
                .bind("id", collectionId).mapTo(Long.class).findOne().isPresent();
        if (!exists) {
            return;
        }
        h.createUpdate("DELETE FROM flashcards WHERE collection_id = :id").bind("id", collectionId).execute();
        h.createUpdate("DELETE FROM quiz_questions WHERE collection_id = :id").bind("id", collectionId).execute();
        insertCards(h);
        insertQuestions(h);
        h.createUpdate("""
                        UPDATE study_collections
                        SET status = 'ready', flashcard_count = :cards, question_count = :questions,
                            generated_at = now(), error_message = NULL, updated_at = now()
                        WHERE id = :id""")
                .bind("cards", set.flashcards().size())
                .bind("questions", set.questions().size())
                .bind("id", collectionId)
                .execute();
    }

    private void insertCards(Handle h) {
        PreparedBatch batch = h.prepareBatch("""
                INSERT INTO flashcards (collection_id, position, front, back, source_ref, job_id)
                VALUES (:collection, :position, :front, :back, :ref, :job)""");
        int position = 1;
        for (Flashcard c : set.flashcards()) {
            batch.bind("collection", collectionId).bind("position", position++).bind("front", c.front())
                    .bind("back", c.back()).bind("ref", c.sourceRef()).bind("job", jobId).add();
        }
        if (batch.size() > 0) {
            batch.execute();
        }
    }

    private void insertQuestions(Handle h) {
        PreparedBatch batch = h.prepareBatch("""
                INSERT INTO quiz_questions
                    (collection_id, position, question, choices, correct_index, explanation, source_ref, job_id)
                VALUES (:collection, :position, :question, CAST(:choices AS jsonb), :correct, :explanation, :ref, :job)""");
        int position = 1;
        for (QuizQuestion q : set.questions()) {
            batch.bind("collection", collectionId).bind("position", position++).bind("question", q.question())
                    .bind("choices", Payloads.write(q.choices())).bind("correct", q.correctIndex())
                    .bind("explanation", q.explanation()).bind("ref", q.sourceRef()).bind("job", jobId).add();
        }
        if (batch.size() > 0) {
            batch.execute();
        }
    }
}
