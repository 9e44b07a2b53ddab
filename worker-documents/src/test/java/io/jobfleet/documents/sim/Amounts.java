package io.jobfleet.documents.sim;

import java.math.BigDecimal;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads money amounts ({@code 1,234.50}, {@code 1.234,50}, {@code €99}) and dates as written on invoices. */
final class Amounts {
    private static final Pattern ISO = Pattern.compile("(\\d{4})-(\\d{1,2})-(\\d{1,2})");
    private static final Pattern DOTTED = Pattern.compile("(\\d{1,2})\\.(\\d{1,2})\\.(\\d{4})");
    private static final Pattern SLASHED = Pattern.compile("(\\d{4})/(\\d{1,2})/(\\d{1,2})");

    private Amounts() {
    }

    static BigDecimal parse(String text) {
        if (text == null) {
            return null;
        }
        String s = text.replaceAll("[^0-9,.\\-]", "");
        if (s.isEmpty() || s.equals("-") || !s.matches(".*\\d.*")) {
            return null;
        }
        int comma = s.lastIndexOf(',');
        int dot = s.lastIndexOf('.');
        if (comma >= 0 && dot >= 0) {
            s = comma > dot ? s.replace(".", "").replace(',', '.') : s.replace(",", "");
        } else if (comma >= 0) {
            s = s.length() - comma - 1 == 2 ? s.replace(',', '.') : s.replace(",", "");
        }
        try {
            return new BigDecimal(s);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** {@code YYYY-MM-DD} from ISO, {@code DD.MM.YYYY} or {@code YYYY/MM/DD}; null otherwise. */
    static String isoDate(String text) {
        if (text == null) {
            return null;
        }
        Matcher m = ISO.matcher(text);
        if (m.find()) {
            return date(m.group(1), m.group(2), m.group(3));
        }
        m = DOTTED.matcher(text);
        if (m.find()) {
            return date(m.group(3), m.group(2), m.group(1));
        }
        m = SLASHED.matcher(text);
        return m.find() ? date(m.group(1), m.group(2), m.group(3)) : null;
    }

    private static String date(String year, String month, String day) {
        int mo = Integer.parseInt(month);
        int d = Integer.parseInt(day);
        if (mo < 1 || mo > 12 || d < 1 || d > 31) {
            return null;
        }
        return String.format("%s-%02d-%02d", year, mo, d);
    }
}
