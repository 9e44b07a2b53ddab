package io.jobfleet.documents.requirements;

import java.util.List;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;

/** Replaces a document's rows in the app's {@code requirements} table. */
final class RequirementsTable {
    /** Deletes the document's requirements and inserts {@code requirements}; a re-run never duplicates. */
    void replace(Handle h, long documentId, long jobId, List<Requirement> requirements) {
        h.createUpdate("DELETE FROM requirements WHERE document_id = :id").bind("id", documentId).execute();
        if (requirements.isEmpty()) {
            return;
        }
        PreparedBatch batch = h.prepareBatch("INSERT INTO requirements "
                + "(document_id, reference, text, category, priority, source_page, position, job_id) "
                + "VALUES (:document_id, :reference, :text, :category, :priority, :source_page, :position, :job_id)");
        for (Requirement r : requirements) {
            batch.bind("document_id", documentId)
                    .bind("reference", r.reference())
                    .bind("text", r.text())
                    .bind("category", r.category())
                    .bind("priority", r.priority())
                    .bind("source_page", r.sourcePage())
                    .bind("position", r.position())
                    .bind("job_id", jobId)
                    .add();
        }
        batch.execute();
    }
}
