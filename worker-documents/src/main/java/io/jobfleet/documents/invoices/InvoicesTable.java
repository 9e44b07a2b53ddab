package io.jobfleet.documents.invoices;

import io.jobfleet.documents.source.StoredFile;
import io.jobfleet.engine.Payloads;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/** The statements on the app's {@code invoices} table (unqualified: the app schema is the search path). */
final class InvoicesTable {
    static String label(long invoiceId) {
        return "Invoice " + invoiceId;
    }

    /** The row's file; its bytes only when they are at most {@code maxBytes} (checked before they are read). */
    Optional<StoredFile> find(Jdbi jdbi, long invoiceId, long maxBytes) {
        return jdbi.withHandle(h -> h.createQuery(
                        "SELECT user_id, file_name, location, coalesce(octet_length(content), 0) AS content_size, "
                                + "CASE WHEN octet_length(content) <= :max THEN content END AS content, content_type "
                                + "FROM invoices WHERE id = :id")
                .bind("id", invoiceId)
                .bind("max", maxBytes)
                .map((rs, ctx) -> new StoredFile(label(invoiceId), rs.getString("user_id"), rs.getString("file_name"),
                        rs.getString("location"), rs.getBytes("content"), rs.getLong("content_size"),
                        rs.getString("content_type")))
                .findOne());
    }

    void markProcessing(Handle h, long invoiceId) {
        h.createUpdate("UPDATE invoices SET status = 'processing', updated_at = now() WHERE id = :id")
                .bind("id", invoiceId)
                .execute();
    }

    void markCompleted(Handle h, long invoiceId, ValidatedInvoice v) {
        h.createUpdate("UPDATE invoices SET status = 'completed', vendor = :vendor, invoice_number = :number, "
                        + "issue_date = :issue, due_date = :due, currency = :currency, subtotal = :subtotal, "
                        + "tax = :tax, total = :total, line_items = CAST(:lines AS jsonb), "
                        + "validation_warnings = CAST(:warnings AS jsonb), error_message = NULL, "
                        + "processed_at = now(), updated_at = now() WHERE id = :id")
                .bind("id", invoiceId)
                .bind("vendor", v.vendor())
                .bind("number", v.invoiceNumber())
                .bind("issue", v.issueDate())
                .bind("due", v.dueDate())
                .bind("currency", v.currency())
                .bind("subtotal", v.subtotal())
                .bind("tax", v.tax())
                .bind("total", v.total())
                .bind("lines", Payloads.write(lines(v.lineItems())))
                .bind("warnings", Payloads.write(v.warnings()))
                .execute();
    }

    /** Sets {@code failed} unless the payload named another user than the row's owner. */
    void markFailed(Handle h, long invoiceId, String payloadUserId, String message) {
        h.createUpdate("UPDATE invoices SET status = 'failed', error_message = :message, updated_at = now() "
                        + "WHERE id = :id AND (CAST(:user AS text) IS NULL OR user_id = :user)")
                .bind("id", invoiceId)
                .bind("user", payloadUserId)
                .bind("message", message)
                .execute();
    }

    /** Line items in the column's snake_case shape; missing numbers stay null. */
    private static List<Map<String, Object>> lines(List<InvoiceAnswer.LineItem> items) {
        return items.stream().map(i -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("description", i.description());
            m.put("quantity", i.quantity());
            m.put("unit_price", i.unitPrice());
            m.put("amount", i.amount());
            return m;
        }).toList();
    }
}
