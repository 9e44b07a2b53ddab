package io.jobfleet.collections;

import io.jobfleet.engine.Payloads;
import io.jobfleet.mapping.AppMapping;
import io.jobfleet.testing.FamilyWorkers;
import io.jobfleet.testing.TestDatabase;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jdbi.v3.core.Jdbi;

/**
 * Test access to the collections reference tables, as the web app would use them; every name
 * qualified with the app schema (no search_path needed).
 */
public final class StudyTables {
    /** A stored flashcard. */
    public record Card(long id, int position, String front, String back, String sourceRef, long jobId) {
    }

    /** A stored quiz question. */
    public record Question(long id, int position, String question, List<String> choices, int correctIndex,
                           String explanation, String sourceRef, long jobId) {
    }

    /** A collection's status columns. */
    public record State(String status, Integer flashcardCount, Integer questionCount, String errorMessage,
                        Instant generatedAt) {
    }

    private final TestDatabase db;
    private final String collections;
    private final String sources;
    private final String flashcards;
    private final String questions;

    public StudyTables(TestDatabase db) {
        this.db = db;
        AppMapping m = CollectionsMapping.SPEC.defaults(db.config().appSchema());
        this.collections = m.table(CollectionsMapping.COLLECTIONS).table();
        this.sources = m.table(CollectionsMapping.SOURCES).table();
        this.flashcards = m.table(CollectionsMapping.FLASHCARDS).table();
        this.questions = m.table(CollectionsMapping.QUESTIONS).table();
    }

    /** Creates the reference tables in the test's app schema, as {@code migrate --app-tables} does. */
    public StudyTables migrate() {
        FamilyWorkers.migrateAppTables(db, new CollectionsFamily());
        return this;
    }

    private Jdbi jdbi() {
        return db.db().jdbi();
    }

    public long collection(String userId, int targetFlashcards, int targetQuestions) {
        return jdbi().withHandle(h -> h.createQuery("""
                        INSERT INTO %s (user_id, title, target_flashcards, target_questions)
                        VALUES (:user, 'Biology', :cards, :questions) RETURNING id""".formatted(collections))
                .bind("user", userId).bind("cards", targetFlashcards).bind("questions", targetQuestions)
                .mapTo(Long.class).one());
    }

    public void text(long collectionId, int position, String text) {
        jdbi().useHandle(h -> h.createUpdate("""
                        INSERT INTO %s (collection_id, position, kind, text)
                        VALUES (:c, :p, 'text', :text)""".formatted(sources))
                .bind("c", collectionId).bind("p", position).bind("text", text).execute());
    }

    public void documentBytes(long collectionId, int position, byte[] bytes, String fileName, String contentType) {
        jdbi().useHandle(h -> h.createUpdate("""
                        INSERT INTO %s (collection_id, position, kind, content, file_name, content_type)
                        VALUES (:c, :p, 'document', :bytes, :name, :type)""".formatted(sources))
                .bind("c", collectionId).bind("p", position).bind("bytes", bytes).bind("name", fileName)
                .bind("type", contentType).execute());
    }

    /** A document source whose bytes are built by {@code sql} in the database (e.g. a 200 MiB bytea). */
    public void documentBytesInSql(long collectionId, int position, String sql, String fileName) {
        jdbi().useHandle(h -> h.createUpdate("INSERT INTO " + sources + " (collection_id, position, kind, content, "
                        + "file_name) VALUES (:c, :p, 'document', " + sql + ", :name)")
                .bind("c", collectionId).bind("p", position).bind("name", fileName).execute());
    }

    public void documentAt(long collectionId, int position, String location) {
        jdbi().useHandle(h -> h.createUpdate("""
                        INSERT INTO %s (collection_id, position, kind, location)
                        VALUES (:c, :p, 'document', :location)""".formatted(sources))
                .bind("c", collectionId).bind("p", position).bind("location", location).execute());
    }

    public State state(long collectionId) {
        return jdbi().withHandle(h -> h.createQuery("""
                        SELECT status, flashcard_count, question_count, error_message, generated_at
                        FROM %s WHERE id = :id""".formatted(collections))
                .bind("id", collectionId)
                .map((rs, ctx) -> new State(rs.getString(1), (Integer) rs.getObject(2), (Integer) rs.getObject(3),
                        rs.getString(4), rs.getTimestamp(5) == null ? null : rs.getTimestamp(5).toInstant()))
                .one());
    }

    public List<Card> cards(long collectionId) {
        return jdbi().withHandle(h -> h.createQuery("""
                        SELECT id, position, front, back, source_ref, job_id FROM %s
                        WHERE collection_id = :id ORDER BY position""".formatted(flashcards))
                .bind("id", collectionId)
                .map((rs, ctx) -> new Card(rs.getLong(1), rs.getInt(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getLong(6)))
                .list());
    }

    public List<Question> questions(long collectionId) {
        return jdbi().withHandle(h -> h.createQuery("""
                        SELECT id, position, question, choices::text, correct_index, explanation, source_ref, job_id
                        FROM %s WHERE collection_id = :id ORDER BY position""".formatted(questions))
                .bind("id", collectionId)
                .map((rs, ctx) -> new Question(rs.getLong(1), rs.getInt(2), rs.getString(3), strings(rs.getString(4)),
                        rs.getInt(5), rs.getString(6), rs.getString(7), rs.getLong(8)))
                .list());
    }

    private static List<String> strings(String json) {
        List<String> out = new ArrayList<>();
        Payloads.tree(json).forEach(n -> out.add(n.asText()));
        return out;
    }
}
