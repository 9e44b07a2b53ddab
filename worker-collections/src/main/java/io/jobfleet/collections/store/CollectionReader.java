package io.jobfleet.collections.store;

import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/** Reads a collection and its sources (unfenced reads through the pool). */
public final class CollectionReader {
    private final Jdbi jdbi;

    public CollectionReader(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    public Optional<CollectionRow> find(long collectionId) {
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT id, user_id, title, status, target_flashcards, target_questions
                        FROM study_collections WHERE id = :id""")
                .bind("id", collectionId)
                .map((rs, ctx) -> new CollectionRow(rs.getLong("id"), rs.getString("user_id"), rs.getString("title"),
                        rs.getString("status"), rs.getInt("target_flashcards"), rs.getInt("target_questions")))
                .findOne());
    }

    /**
     * The sources in order of position (then id); stored bytes over {@code maxBytes} are left in
     * the database (their size is checked before they are read).
     */
    public List<SourceRow> sources(long collectionId, long maxBytes) {
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT id, position, kind, text, location, coalesce(octet_length(content), 0) AS content_size,
                               CASE WHEN octet_length(content) <= :max THEN content END AS content,
                               file_name, content_type
                        FROM collection_sources WHERE collection_id = :id ORDER BY position, id""")
                .bind("id", collectionId)
                .bind("max", maxBytes)
                .map((rs, ctx) -> new SourceRow(rs.getLong("id"), rs.getInt("position"), rs.getString("kind"),
                        rs.getString("text"), rs.getString("location"), rs.getBytes("content"),
                        rs.getLong("content_size"), rs.getString("file_name"), rs.getString("content_type")))
                .list());
    }
}
