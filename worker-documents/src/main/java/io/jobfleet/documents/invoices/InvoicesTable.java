package io.jobfleet.documents.invoices;

import io.jobfleet.documents.source.FileRows;
import io.jobfleet.documents.source.StoredFile;
import io.jobfleet.engine.Payloads;
import io.jobfleet.mapping.MappedTable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.Update;

/** The statements on the app's invoices table, rendered once from its mapping (schema-qualified). */
final class InvoicesTable {
    private final MappedTable t;
    private final FileRows files;
    private final String processing;
    private final String completed;
    private final String failed;

    InvoicesTable(MappedTable t) {
        this.t = t;
        this.files = new FileRows(t);
        String status = t.statusColumn() + " = " + t.statusValue("status");
        // a run that starts clears the last run's error: the row shows no stale error while processing
        this.processing = "UPDATE " + t.table() + " SET " + status + ", " + t.col("error_message") + " = NULL"
                + t.setNow("updated_at") + " WHERE " + t.whereId("id");
        this.completed = "UPDATE " + t.table() + " SET " + status
                + ", " + t.col("vendor") + " = :vendor, " + t.col("invoice_number") + " = :number, "
                + t.col("issue_date") + " = :issue, " + t.col("due_date") + " = :due, "
                + t.col("currency") + " = :currency, " + t.col("subtotal") + " = :subtotal, "
                + t.col("tax") + " = :tax, " + t.col("total") + " = :total, "
                + t.col("line_items") + " = CAST(:lines AS jsonb)"
                + (t.has("validation_warnings") ? ", " + t.col("validation_warnings") + " = CAST(:warnings AS jsonb)" : "")
                + ", " + t.col("error_message") + " = NULL" + t.setNow("processed_at") + t.setNow("updated_at")
                + " WHERE " + t.whereId("id");
        this.failed = "UPDATE " + t.table() + " SET " + status + ", " + t.col("error_message") + " = :message"
                + t.setNow("updated_at") + " WHERE " + t.whereId("id")
                + " AND (CAST(:user AS text) IS NULL OR " + t.col("user_id") + " = :user)";
    }

    static String label(String invoiceId) {
        return "Invoice " + invoiceId;
    }

    MappedTable mapping() {
        return t;
    }

    /** The row's file; its bytes only when they are at most {@code maxBytes} (checked before they are read). */
    Optional<StoredFile> find(Jdbi jdbi, String invoiceId, long maxBytes) {
        return files.find(jdbi, invoiceId, label(invoiceId), maxBytes);
    }

    void markProcessing(Handle h, String invoiceId) {
        h.createUpdate(processing).bind("status", t.word("processing")).bind("id", invoiceId).execute();
    }

    void markCompleted(Handle h, String invoiceId, ValidatedInvoice v) {
        Update u = h.createUpdate(completed)
                .bind("status", t.word("completed"))
                .bind("id", invoiceId)
                .bind("vendor", v.vendor())
                .bind("number", v.invoiceNumber())
                .bind("issue", v.issueDate())
                .bind("due", v.dueDate())
                .bind("currency", v.currency())
                .bind("subtotal", v.subtotal())
                .bind("tax", v.tax())
                .bind("total", v.total())
                .bind("lines", Payloads.write(lines(v.lineItems())));
        if (t.has("validation_warnings")) {
            u.bind("warnings", Payloads.write(v.warnings()));
        }
        u.execute();
    }

    /** Sets the failed status unless the payload named another user than the row's owner. */
    void markFailed(Handle h, String invoiceId, String payloadUserId, String message) {
        h.createUpdate(failed)
                .bind("status", t.word("failed"))
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
