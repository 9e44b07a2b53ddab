package io.jobfleet.documents.invoices;

import java.math.BigDecimal;
import java.util.List;

/**
 * Checks that an invoice adds up, within a cent: each line's amount is quantity times unit price,
 * the lines sum to the subtotal, and subtotal plus tax is the total. Only what the invoice shows
 * is checked; a missing number skips the checks that need it.
 */
final class InvoiceArithmetic {
    private InvoiceArithmetic() {
    }

    static void check(List<InvoiceAnswer.LineItem> lines, BigDecimal subtotal, BigDecimal tax, BigDecimal total,
                      List<Warning> warnings) {
        BigDecimal sum = BigDecimal.ZERO;
        boolean allAmounts = !lines.isEmpty();
        for (int i = 0; i < lines.size(); i++) {
            InvoiceAnswer.LineItem line = lines.get(i);
            checkLine(i + 1, line, warnings);
            if (line.amount() == null) {
                allAmounts = false;
            } else {
                sum = sum.add(line.amount());
            }
        }
        if (allAmounts && subtotal != null && Money.differ(sum, subtotal)) {
            warnings.add(new Warning("subtotal_mismatch", "Line items add up to " + Money.format(sum)
                    + " but the subtotal says " + Money.format(subtotal) + "."));
        }
        if (subtotal != null && tax != null && total != null && Money.differ(subtotal.add(tax), total)) {
            warnings.add(new Warning("total_mismatch", "Subtotal " + Money.format(subtotal) + " plus tax "
                    + Money.format(tax) + " is " + Money.format(subtotal.add(tax)) + " but the total says "
                    + Money.format(total) + "."));
        }
    }

    private static void checkLine(int number, InvoiceAnswer.LineItem line, List<Warning> warnings) {
        if (line.quantity() == null || line.unitPrice() == null || line.amount() == null) {
            return;
        }
        BigDecimal expected = line.quantity().multiply(line.unitPrice());
        if (Money.differ(expected, line.amount())) {
            warnings.add(new Warning("line_amount_mismatch", "Line " + number + describe(line) + ": "
                    + Money.quantity(line.quantity()) + " × " + Money.format(line.unitPrice()) + " is "
                    + Money.format(expected) + " but the line says " + Money.format(line.amount()) + "."));
        }
    }

    private static String describe(InvoiceAnswer.LineItem line) {
        return line.description() == null || line.description().isBlank() ? "" : " (" + line.description().strip() + ")";
    }
}
