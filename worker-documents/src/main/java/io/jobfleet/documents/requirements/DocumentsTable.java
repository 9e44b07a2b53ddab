package io.jobfleet.documents.requirements;

import io.jobfleet.documents.source.StoredFile;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/** The statements on the app's {@code documents} table (unqualified: the app schema is the search path). */
final class DocumentsTable {
    static String label(long documentId) {
        return "Document " + documentId;
    }

    /** The row's file; its bytes only when they are at most {@code maxBytes} (checked before they are read). */
    Optional<StoredFile> find(Jdbi jdbi, long documentId, long maxBytes) {
        return jdbi.withHandle(h -> h.createQuery(
                        "SELECT user_id, file_name, location, coalesce(octet_length(content), 0) AS content_size, "
                                + "CASE WHEN octet_length(content) <= :max THEN content END AS content, content_type "
                                + "FROM documents WHERE id = :id")
                .bind("id", documentId)
                .bind("max", maxBytes)
                .map((rs, ctx) -> new StoredFile(label(documentId), rs.getString("user_id"), rs.getString("file_name"),
                        rs.getString("location"), rs.getBytes("content"), rs.getLong("content_size"),
                        rs.getString("content_type")))
                .findOne());
    }

    void markProcessing(Handle h, long documentId) {
        h.createUpdate("UPDATE documents SET requirement_status = 'PROCESSING', updated_at = now() WHERE id = :id")
                .bind("id", documentId)
                .execute();
    }

    /** Also takes the row lock, so concurrent runs on one document replace its requirements one after another. */
    void markDone(Handle h, long documentId) {
        h.createUpdate("UPDATE documents SET requirement_status = 'DONE', requirement_processed_at = now(), "
                        + "requirement_error_message = NULL, updated_at = now() WHERE id = :id")
                .bind("id", documentId)
                .execute();
    }

    /** Sets ERROR unless the payload named another user than the row's owner. */
    void markError(Handle h, long documentId, String payloadUserId, String message) {
        h.createUpdate("UPDATE documents SET requirement_status = 'ERROR', requirement_error_message = :message, "
                        + "updated_at = now() WHERE id = :id AND (CAST(:user AS text) IS NULL OR user_id = :user)")
                .bind("id", documentId)
                .bind("user", payloadUserId)
                .bind("message", message)
                .execute();
    }
}
