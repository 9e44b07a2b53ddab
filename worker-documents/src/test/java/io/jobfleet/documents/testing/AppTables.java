package io.jobfleet.documents.testing;

import io.jobfleet.documents.DocumentsMapping;
import io.jobfleet.mapping.AppMapping;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import org.jdbi.v3.core.Jdbi;

/**
 * Test access to the reference app tables, as the web app would use them; every name qualified
 * with the app schema (no search_path needed).
 */
public final class AppTables {
    /** A {@code documents} row's processing columns. */
    public record DocumentRow(String status, Instant processedAt, String errorMessage) {
    }

    /** A {@code requirements} row. */
    public record RequirementRow(long id, String reference, String text, String category, String priority,
                                 int sourcePage, int position, Long jobId) {
    }

    /** An {@code invoices} row's extracted columns. */
    public record InvoiceRow(String status, String vendor, String invoiceNumber, LocalDate issueDate, LocalDate dueDate,
                             String currency, BigDecimal subtotal, BigDecimal tax, BigDecimal total, String lineItems,
                             String warnings, String errorMessage, Instant processedAt) {
    }

    private final Jdbi jdbi;
    private final String documents;
    private final String requirements;
    private final String invoices;

    AppTables(Jdbi jdbi, String appSchema) {
        this.jdbi = jdbi;
        AppMapping m = DocumentsMapping.SPEC.defaults(appSchema);
        this.documents = m.table(DocumentsMapping.DOCUMENTS).table();
        this.requirements = m.table(DocumentsMapping.REQUIREMENTS).table();
        this.invoices = m.table(DocumentsMapping.INVOICES).table();
    }

    /** Inserts a document; give either {@code content} or {@code location}. */
    public long insertDocument(String userId, String fileName, String location, byte[] content, String contentType) {
        return jdbi.withHandle(h -> h.createQuery("INSERT INTO " + documents + " (user_id, file_name, location, "
                        + "content, content_type) VALUES (:user, :name, :location, :content, :type) RETURNING id")
                .bind("user", userId).bind("name", fileName).bind("location", location).bind("content", content)
                .bind("type", contentType).mapTo(Long.class).one());
    }

    public void updateDocumentContent(long id, byte[] content) {
        jdbi.useHandle(h -> h.createUpdate("UPDATE " + documents + " SET content = :content WHERE id = :id")
                .bind("content", content).bind("id", id).execute());
    }

    /** Sets a document's content to {@code sql}, evaluated in the database (e.g. a 200 MiB bytea built there). */
    public void setDocumentContentInSql(long id, String sql) {
        jdbi.useHandle(h -> h.createUpdate("UPDATE " + documents + " SET content = " + sql + " WHERE id = :id")
                .bind("id", id).execute());
    }

    public long insertInvoice(String userId, String fileName, String location, byte[] content, String contentType) {
        return jdbi.withHandle(h -> h.createQuery("INSERT INTO " + invoices + " (user_id, file_name, location, "
                        + "content, content_type) VALUES (:user, :name, :location, :content, :type) RETURNING id")
                .bind("user", userId).bind("name", fileName).bind("location", location).bind("content", content)
                .bind("type", contentType).mapTo(Long.class).one());
    }

    public DocumentRow document(long id) {
        return jdbi.withHandle(h -> h.createQuery("SELECT requirement_status, requirement_processed_at, "
                        + "requirement_error_message FROM " + documents + " WHERE id = :id")
                .bind("id", id)
                .map((rs, ctx) -> new DocumentRow(rs.getString(1), instant(rs.getObject(2, OffsetDateTime.class)),
                        rs.getString(3)))
                .one());
    }

    public List<RequirementRow> requirements(long documentId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT id, reference, text, category, priority, source_page, "
                        + "position, job_id FROM " + requirements + " WHERE document_id = :id ORDER BY position")
                .bind("id", documentId)
                .map((rs, ctx) -> new RequirementRow(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getInt(6), rs.getInt(7), rs.getObject(8, Long.class)))
                .list());
    }

    public InvoiceRow invoice(long id) {
        return jdbi.withHandle(h -> h.createQuery("SELECT status, vendor, invoice_number, issue_date, due_date, "
                        + "currency, subtotal, tax, total, line_items::text, validation_warnings::text, error_message, "
                        + "processed_at FROM " + invoices + " WHERE id = :id")
                .bind("id", id)
                .map((rs, ctx) -> new InvoiceRow(rs.getString(1), rs.getString(2), rs.getString(3),
                        rs.getObject(4, LocalDate.class), rs.getObject(5, LocalDate.class), rs.getString(6),
                        rs.getBigDecimal(7), rs.getBigDecimal(8), rs.getBigDecimal(9), rs.getString(10),
                        rs.getString(11), rs.getString(12), instant(rs.getObject(13, OffsetDateTime.class))))
                .one());
    }

    private static Instant instant(OffsetDateTime t) {
        return t == null ? null : t.toInstant();
    }
}
