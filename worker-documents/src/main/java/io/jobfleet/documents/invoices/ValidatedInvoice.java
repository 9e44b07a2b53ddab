package io.jobfleet.documents.invoices;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/** The fields to store: only values that passed their checks, plus the warnings about the rest. */
record ValidatedInvoice(String vendor, String invoiceNumber, LocalDate issueDate, LocalDate dueDate,
                        String currency, BigDecimal subtotal, BigDecimal tax, BigDecimal total,
                        List<InvoiceAnswer.LineItem> lineItems, List<Warning> warnings) {
}
