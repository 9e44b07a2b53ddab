package io.jobfleet.documents.invoices;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * Joins the answers for the parts of an invoice too long for one request: the heading fields come
 * from the first part that shows them, the totals from the last part that shows them (they close
 * an invoice), and the line items of all parts in order.
 */
final class InvoiceMerge {
    private InvoiceMerge() {
    }

    static InvoiceAnswer of(List<InvoiceAnswer> parts) {
        if (parts.size() == 1) {
            return parts.get(0);
        }
        List<InvoiceAnswer.LineItem> items = new ArrayList<>();
        parts.forEach(p -> items.addAll(p.lineItems()));
        return new InvoiceAnswer(first(parts, InvoiceAnswer::vendor), first(parts, InvoiceAnswer::invoiceNumber),
                first(parts, InvoiceAnswer::issueDate), first(parts, InvoiceAnswer::dueDate),
                first(parts, InvoiceAnswer::currency), last(parts, InvoiceAnswer::subtotal),
                last(parts, InvoiceAnswer::tax), last(parts, InvoiceAnswer::total), items);
    }

    private static <T> T first(List<InvoiceAnswer> parts, Function<InvoiceAnswer, T> field) {
        return parts.stream().map(field).filter(Objects::nonNull).findFirst().orElse(null);
    }

    private static <T> T last(List<InvoiceAnswer> parts, Function<InvoiceAnswer, T> field) {
        T found = null;
        for (InvoiceAnswer p : parts) {
            T v = field.apply(p);
            if (v != null) {
                found = v;
            }
        }
        return found;
    }
}
