package io.jobfleet.documents.invoices;

import java.math.BigDecimal;
import java.util.List;

/** The LLM's answer (schema {@code invoice}): the fields as printed, nothing checked yet. */
public record InvoiceAnswer(String vendor, String invoiceNumber, String issueDate, String dueDate, String currency,
                            BigDecimal subtotal, BigDecimal tax, BigDecimal total, List<LineItem> lineItems) {
    public InvoiceAnswer {
        lineItems = lineItems == null ? List.of() : List.copyOf(lineItems);
    }

    /** One billed line. */
    public record LineItem(String description, BigDecimal quantity, BigDecimal unitPrice, BigDecimal amount) {
    }
}
