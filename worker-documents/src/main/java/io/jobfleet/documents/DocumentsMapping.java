package io.jobfleet.documents;

import static io.jobfleet.mapping.ColumnKind.BYTES;
import static io.jobfleet.mapping.ColumnKind.DATE;
import static io.jobfleet.mapping.ColumnKind.INTEGER;
import static io.jobfleet.mapping.ColumnKind.JSON;
import static io.jobfleet.mapping.ColumnKind.NUMERIC;
import static io.jobfleet.mapping.ColumnKind.TEXT;
import static io.jobfleet.mapping.ColumnKind.TIMESTAMP;
import static io.jobfleet.mapping.Privilege.INSERT;
import static io.jobfleet.mapping.Privilege.SELECT;
import static io.jobfleet.mapping.Privilege.UPDATE;
import static io.jobfleet.mapping.TableSpec.words;

import io.jobfleet.mapping.IdType;
import io.jobfleet.mapping.MappingSpec;
import io.jobfleet.mapping.ProgressColumn;
import io.jobfleet.mapping.TableSpec;
import java.util.List;

/**
 * The app tables of the documents family as it uses them (the reference schema in
 * {@code db/app/documents} is the default): what {@code --app-mapping} may rename and retype,
 * and what {@code check} verifies.
 */
public final class DocumentsMapping {
    public static final String DOCUMENTS = "documents";
    public static final String REQUIREMENTS = "requirements";
    public static final String INVOICES = "invoices";

    public static final MappingSpec SPEC = new MappingSpec("documents", List.of(
            TableSpec.table(DOCUMENTS, IdType.BIGINT)
                    .column("user_id", TEXT, SELECT)
                    .column("file_name", TEXT, SELECT)
                    .optional("location", TEXT, SELECT)
                    .optional("content", BYTES, SELECT)
                    .optional("content_type", TEXT, SELECT)
                    .status("requirement_status", words("waiting", "WAITING", "processing", "PROCESSING",
                            "done", "DONE", "error", "ERROR"), UPDATE)
                    .optional("requirement_processed_at", TIMESTAMP, UPDATE)
                    .column("requirement_error_message", TEXT, UPDATE)
                    .optional("updated_at", TIMESTAMP, UPDATE)
                    .optIn(ProgressColumn.KEY, JSON, UPDATE)
                    .build(),
            TableSpec.table(REQUIREMENTS, IdType.BIGINT)
                    .reference("document_id", DOCUMENTS, SELECT, INSERT)
                    .column("reference", TEXT, INSERT)
                    .column("text", TEXT, INSERT)
                    .column("category", TEXT, INSERT)
                    .column("priority", TEXT, INSERT)
                    .column("source_page", INTEGER, INSERT)
                    .column("position", INTEGER, INSERT)
                    .optional("job_id", INTEGER, INSERT)
                    .deletes()
                    .build(),
            TableSpec.table(INVOICES, IdType.BIGINT)
                    .column("user_id", TEXT, SELECT)
                    .column("file_name", TEXT, SELECT)
                    .optional("location", TEXT, SELECT)
                    .optional("content", BYTES, SELECT)
                    .optional("content_type", TEXT, SELECT)
                    .status("status", words("pending", "pending", "processing", "processing",
                            "completed", "completed", "failed", "failed"), UPDATE)
                    .column("vendor", TEXT, UPDATE)
                    .column("invoice_number", TEXT, UPDATE)
                    .column("issue_date", DATE, UPDATE)
                    .column("due_date", DATE, UPDATE)
                    .column("currency", TEXT, UPDATE)
                    .column("subtotal", NUMERIC, UPDATE)
                    .column("tax", NUMERIC, UPDATE)
                    .column("total", NUMERIC, UPDATE)
                    .column("line_items", JSON, UPDATE)
                    .optional("validation_warnings", JSON, UPDATE)
                    .column("error_message", TEXT, UPDATE)
                    .optional("processed_at", TIMESTAMP, UPDATE)
                    .optional("updated_at", TIMESTAMP, UPDATE)
                    .build()));

    private DocumentsMapping() {
    }
}
