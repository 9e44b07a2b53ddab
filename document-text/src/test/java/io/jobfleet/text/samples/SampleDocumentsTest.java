package io.jobfleet.text.samples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class SampleDocumentsTest {
    private static final Pattern REQUIREMENT_WORD = Pattern.compile("\\b(shall|must|should)\\b", Pattern.CASE_INSENSITIVE);

    @Test
    void specificationHasRequirementsOnlyWhereDocumented() {
        List<String> pages = SampleDocuments.requirementsSpecification();
        List<Integer> without = SampleDocuments.requirementsSpecificationPagesWithoutRequirements();

        for (int number = 1; number <= pages.size(); number++) {
            boolean hasRequirement = REQUIREMENT_WORD.matcher(pages.get(number - 1)).find();
            assertThat(hasRequirement).as("page %d has requirements", number).isEqualTo(!without.contains(number));
        }
        String all = String.join("\n", pages).toLowerCase();
        assertThat(all).contains("security", "performance", "functional", "compliance");
    }

    @Test
    void invoiceAddsUpAndTheVariantDoesNot() {
        assertThat(addsUp(SampleDocuments.invoiceText())).isTrue();
        assertThat(addsUp(SampleDocuments.invoiceTextNotAddingUp())).isFalse();
        assertThat(SampleDocuments.invoiceText()).contains(
                "Vendor: ACME GmbH", "Invoice number: INV-2026-0042", "Issue date: 2026-10-01",
                "Due date: 2026-10-31", "Currency: EUR", "- Consulting | 10 | 120.00 | 1200.00");
    }

    @Test
    void studyTextHoldsDefinitions() {
        assertThat(SampleDocuments.studyText().split("\\.\\s+"))
                .filteredOn(sentence -> sentence.matches("^(A|An|The)? ?[\\w ]+ (is|are) .*"))
                .hasSizeGreaterThanOrEqualTo(6);
    }

    @Test
    void pdfRefusesAPageThatDoesNotFit() {
        String tooLong = "line\n".repeat(80);

        assertThatThrownBy(() -> SampleDocuments.pdf(List.of("fits", tooLong)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Page 2 needs 80 lines");
    }

    @Test
    void pdfReplacesCharactersTheFontCannotShow() {
        assertThat(SampleDocuments.pdf(List.of("Price ≤ 5 € — ok ✓"))).startsWith((byte) '%', (byte) 'P');
    }

    /** Checks the invoice the way a reader would: items vs subtotal, subtotal + tax vs total. */
    private static boolean addsUp(String invoice) {
        BigDecimal items = BigDecimal.ZERO;
        BigDecimal subtotal = null;
        BigDecimal tax = null;
        BigDecimal total = null;
        for (String line : invoice.lines().toList()) {
            if (line.startsWith("- ")) {
                String[] fields = line.substring(2).split("\\s*\\|\\s*");
                BigDecimal amount = new BigDecimal(fields[3]);
                assertThat(new BigDecimal(fields[1]).multiply(new BigDecimal(fields[2])).setScale(2, RoundingMode.HALF_UP))
                        .isEqualByComparingTo(amount);
                items = items.add(amount);
            } else if (line.startsWith("Subtotal: ")) {
                subtotal = new BigDecimal(line.substring(10));
            } else if (line.startsWith("Tax: ")) {
                tax = new BigDecimal(line.substring(5));
            } else if (line.startsWith("Total: ")) {
                total = new BigDecimal(line.substring(7));
            }
        }
        assertThat(subtotal).isNotNull();
        return items.compareTo(subtotal) == 0 && subtotal.add(tax).compareTo(total) == 0;
    }
}
