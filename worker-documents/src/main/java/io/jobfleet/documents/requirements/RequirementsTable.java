package io.jobfleet.documents.requirements;

import io.jobfleet.mapping.MappedTable;
import java.util.ArrayList;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;

/** Replaces a document's rows in the app's requirements table; statements rendered once from the mapping. */
final class RequirementsTable {
    private final MappedTable t;
    private final String delete;
    private final String insert;

    RequirementsTable(MappedTable t, MappedTable documents) {
        this.t = t;
        String documentId = "CAST(:document_id AS " + documents.idType().sql() + ")";
        this.delete = "DELETE FROM " + t.table() + " WHERE " + t.col("document_id") + " = " + documentId;
        List<String> columns = new ArrayList<>();
        List<String> values = new ArrayList<>();
        if (t.generateId()) {
            columns.add(t.id());
            values.add(t.newId());
        }
        for (String key : List.of("document_id", "reference", "text", "category", "priority", "source_page",
                "position", "job_id")) {
            if (t.has(key)) {
                columns.add(t.col(key));
                values.add(key.equals("document_id") ? documentId : ":" + key);
            }
        }
        this.insert = "INSERT INTO " + t.table() + " (" + String.join(", ", columns) + ") VALUES ("
                + String.join(", ", values) + ")";
    }

    /** Deletes the document's requirements and inserts {@code requirements}; a re-run never duplicates. */
    void replace(Handle h, String documentId, long jobId, List<Requirement> requirements) {
        h.createUpdate(delete).bind("document_id", documentId).execute();
        if (requirements.isEmpty()) {
            return;
        }
        PreparedBatch batch = h.prepareBatch(insert);
        for (Requirement r : requirements) {
            batch.bind("document_id", documentId)
                    .bind("reference", r.reference())
                    .bind("text", r.text())
                    .bind("category", r.category())
                    .bind("priority", r.priority())
                    .bind("source_page", r.sourcePage())
                    .bind("position", r.position());
            if (t.has("job_id")) {
                batch.bind("job_id", jobId);
            }
            batch.add();
        }
        batch.execute();
    }
}
