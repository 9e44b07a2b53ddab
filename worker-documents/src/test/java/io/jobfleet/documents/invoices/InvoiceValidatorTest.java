package io.jobfleet.documents.invoices;

import static org.assertj.core.api.Assertions.assertThat;

import io.jobfleet.documents.invoices.InvoiceAnswer.LineItem;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class InvoiceValidatorTest {
    @Test
    void anInvoiceThatAddsUpHasNoWarnings() {
        ValidatedInvoice v = InvoiceValidator.validate(invoice("2026-10-01", "2026-10-31", "eur",
                List.of(line("A", "3", "33.333", "100.00"), line("B", "1", "50", "50")), "150.00", "28.50", "178.50"));

        assertThat(v.warnings()).isEmpty();
        assertThat(v.currency()).isEqualTo("EUR");
        assertThat(v.issueDate()).isEqualTo(LocalDate.of(2026, 10, 1));
        assertThat(v.subtotal()).isEqualTo(new BigDecimal("150.00"));
        assertThat(v.tax()).isEqualTo(new BigDecimal("28.50"));
    }

    @Test
    void linesNotAddingUpToTheSubtotalAreWarnedAbout() {
        ValidatedInvoice v = InvoiceValidator.validate(invoice("2026-10-01", null, "USD",
                List.of(line("A", "1", "1200", "1200")), "1300.00", "0", "1300"));

        assertThat(v.warnings()).containsExactly(new Warning("subtotal_mismatch",
                "Line items add up to 1,200.00 but the subtotal says 1,300.00."));
        assertThat(v.subtotal()).isEqualByComparingTo("1300.00");
    }

    @Test
    void aTotalThatIsNotSubtotalPlusTaxIsWarnedAbout() {
        ValidatedInvoice v = InvoiceValidator.validate(invoice(null, null, null, List.of(), "100", "19", "120"));

        assertThat(v.warnings()).containsExactly(new Warning("total_mismatch",
                "Subtotal 100.00 plus tax 19.00 is 119.00 but the total says 120.00."));
    }

    @Test
    void aCentOfRoundingIsNotAWarning() {
        ValidatedInvoice v = InvoiceValidator.validate(invoice(null, null, null,
                List.of(line("A", "3", "0.333", "1.00")), "1.00", "0.19", "1.20"));

        assertThat(v.warnings()).isEmpty();
    }

    @Test
    void invalidDatesCurrenciesAndHugeAmountsAreLeftOutWithAWarning() {
        ValidatedInvoice v = InvoiceValidator.validate(invoice("31.10.2026", "2026-02-30", "€",
                List.of(), "1000000000000", null, null));

        assertThat(v.issueDate()).isNull();
        assertThat(v.dueDate()).isNull();
        assertThat(v.currency()).isNull();
        assertThat(v.subtotal()).isNull();
        assertThat(v.warnings()).extracting(Warning::code)
                .containsExactly("invalid_date", "invalid_date", "unknown_currency", "amount_out_of_range");
        assertThat(v.warnings().get(0).message())
                .isEqualTo("The issue date '31.10.2026' is not a date in the form YYYY-MM-DD; it was not stored.");
    }

    @Test
    void partsOfALongInvoiceAreJoined() {
        InvoiceAnswer head = new InvoiceAnswer("ACME", "7", "2026-10-01", null, "EUR", null, null, null,
                List.of(line("A", "1", "10", "10")));
        InvoiceAnswer tail = new InvoiceAnswer(null, "page 2", null, "2026-10-31", null, new BigDecimal("20"),
                new BigDecimal("0"), new BigDecimal("20"), List.of(line("B", "1", "10", "10")));

        InvoiceAnswer joined = InvoiceMerge.of(List.of(head, tail));

        assertThat(joined.vendor()).isEqualTo("ACME");
        assertThat(joined.invoiceNumber()).isEqualTo("7");
        assertThat(joined.dueDate()).isEqualTo("2026-10-31");
        assertThat(joined.total()).isEqualByComparingTo("20");
        assertThat(joined.lineItems()).extracting(LineItem::description).containsExactly("A", "B");
        assertThat(InvoiceValidator.validate(joined).warnings()).isEmpty();
    }

    private static InvoiceAnswer invoice(String issue, String due, String currency, List<LineItem> lines,
                                         String subtotal, String tax, String total) {
        return new InvoiceAnswer("Vendor", "N-1", issue, due, currency, dec(subtotal), dec(tax), dec(total), lines);
    }

    private static LineItem line(String description, String quantity, String unitPrice, String amount) {
        return new LineItem(description, dec(quantity), dec(unitPrice), dec(amount));
    }

    private static BigDecimal dec(String value) {
        return value == null ? null : new BigDecimal(value);
    }
}
