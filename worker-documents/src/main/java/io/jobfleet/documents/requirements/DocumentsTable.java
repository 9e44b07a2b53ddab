package io.jobfleet.documents.requirements;

import io.jobfleet.documents.source.FileRows;
import io.jobfleet.documents.source.StoredFile;
import io.jobfleet.mapping.MappedTable;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/** The statements on the app's documents table, rendered once from its mapping (schema-qualified). */
final class DocumentsTable {
    private final MappedTable t;
    private final FileRows files;
    private final String processing;
    private final String done;
    private final String error;

    DocumentsTable(MappedTable t) {
        this.t = t;
        this.files = new FileRows(t);
        String status = t.statusColumn() + " = " + t.statusValue("status");
        // a run that starts clears the last run's error: the row shows no stale error while PROCESSING
        this.processing = "UPDATE " + t.table() + " SET " + status + ", " + t.col("requirement_error_message") + " = NULL"
                + t.setNow("updated_at") + " WHERE " + t.whereId("id");
        this.done = "UPDATE " + t.table() + " SET " + status + t.setNow("requirement_processed_at") + ", "
                + t.col("requirement_error_message") + " = NULL" + t.setNow("updated_at") + " WHERE " + t.whereId("id");
        this.error = "UPDATE " + t.table() + " SET " + status + ", " + t.col("requirement_error_message")
                + " = :message" + t.setNow("updated_at") + " WHERE " + t.whereId("id")
                + " AND (CAST(:user AS text) IS NULL OR " + t.col("user_id") + " = :user)";
    }

    static String label(String documentId) {
        return "Document " + documentId;
    }

    MappedTable mapping() {
        return t;
    }

    /** The row's file; its bytes only when they are at most {@code maxBytes} (checked before they are read). */
    Optional<StoredFile> find(Jdbi jdbi, String documentId, long maxBytes) {
        return files.find(jdbi, documentId, label(documentId), maxBytes);
    }

    void markProcessing(Handle h, String documentId) {
        h.createUpdate(processing).bind("status", t.word("processing")).bind("id", documentId).execute();
    }

    /** Also takes the row lock, so concurrent runs on one document replace its requirements one after another. */
    void markDone(Handle h, String documentId) {
        h.createUpdate(done).bind("status", t.word("done")).bind("id", documentId).execute();
    }

    /** Sets the error status unless the payload named another user than the row's owner. */
    void markError(Handle h, String documentId, String payloadUserId, String message) {
        h.createUpdate(error)
                .bind("status", t.word("error"))
                .bind("id", documentId)
                .bind("user", payloadUserId)
                .bind("message", message)
                .execute();
    }
}
