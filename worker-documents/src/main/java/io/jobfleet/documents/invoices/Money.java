package io.jobfleet.documents.invoices;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;

/** Amounts as stored (numeric(14,2)) and as written in warnings ({@code 1,200.00}). */
final class Money {
    /** Differences up to this much are rounding, not errors. */
    static final BigDecimal TOLERANCE = new BigDecimal("0.01");
    /** numeric(14,2) holds less than 10^12. */
    static final BigDecimal LIMIT = new BigDecimal("1000000000000");

    private Money() {
    }

    static String format(BigDecimal value) {
        return String.format(Locale.US, "%,.2f", value);
    }

    static String quantity(BigDecimal value) {
        return value.stripTrailingZeros().toPlainString();
    }

    static BigDecimal cents(BigDecimal value) {
        return value == null ? null : value.setScale(2, RoundingMode.HALF_UP);
    }

    static boolean differ(BigDecimal a, BigDecimal b) {
        return a.subtract(b).abs().compareTo(TOLERANCE) > 0;
    }
}
