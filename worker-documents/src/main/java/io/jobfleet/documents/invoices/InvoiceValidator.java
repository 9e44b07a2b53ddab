package io.jobfleet.documents.invoices;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Locale;

/**
 * Checks the model's answer before it is stored. A value that cannot be stored as is (a date that
 * is not an ISO date, a currency that is not an ISO 4217 code, an amount too large for the column)
 * is left out with a warning; numbers that do not add up are stored with a warning. An invoice with
 * warnings is still {@code completed}: the warnings are for a person to review.
 */
final class InvoiceValidator {
    private InvoiceValidator() {
    }

    static ValidatedInvoice validate(InvoiceAnswer a) {
        List<Warning> warnings = new ArrayList<>();
        LocalDate issue = date(a.issueDate(), "issue date", warnings);
        LocalDate due = date(a.dueDate(), "due date", warnings);
        if (issue != null && due != null && due.isBefore(issue)) {
            warnings.add(new Warning("due_before_issue",
                    "The due date " + due + " is before the issue date " + issue + "."));
        }
        String currency = currency(a.currency(), warnings);
        BigDecimal subtotal = amount(a.subtotal(), "subtotal", warnings);
        BigDecimal tax = amount(a.tax(), "tax", warnings);
        BigDecimal total = amount(a.total(), "total", warnings);
        InvoiceArithmetic.check(a.lineItems(), a.subtotal(), a.tax(), a.total(), warnings);
        return new ValidatedInvoice(text(a.vendor()), text(a.invoiceNumber()), issue, due, currency, subtotal, tax,
                total, a.lineItems(), List.copyOf(warnings));
    }

    private static LocalDate date(String value, String name, List<Warning> warnings) {
        String v = text(value);
        if (v == null) {
            return null;
        }
        try {
            return LocalDate.parse(v);
        } catch (DateTimeParseException e) {
            warnings.add(new Warning("invalid_date", "The " + name + " '" + v
                    + "' is not a date in the form YYYY-MM-DD; it was not stored."));
            return null;
        }
    }

    private static String currency(String value, List<Warning> warnings) {
        String v = text(value);
        if (v == null) {
            return null;
        }
        String code = v.toUpperCase(Locale.ROOT);
        try {
            if (code.length() == 3) {
                return Currency.getInstance(code).getCurrencyCode();
            }
        } catch (IllegalArgumentException e) {
            // not a known code: warned below
        }
        warnings.add(new Warning("unknown_currency",
                "'" + v + "' is not an ISO 4217 currency code; the currency was not stored."));
        return null;
    }

    private static BigDecimal amount(BigDecimal value, String name, List<Warning> warnings) {
        if (value != null && value.abs().compareTo(Money.LIMIT) >= 0) {
            warnings.add(new Warning("amount_out_of_range", "The " + name + " " + value.toPlainString()
                    + " is too large to store; it was not stored."));
            return null;
        }
        return Money.cents(value);
    }

    private static String text(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
