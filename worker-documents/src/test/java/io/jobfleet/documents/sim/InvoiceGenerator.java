package io.jobfleet.documents.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jobfleet.engine.Payloads;
import io.jobfleet.llm.sim.Conversation;
import java.math.BigDecimal;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code invoice}: reads {@code Label: value} lines (vendor, invoice number, issue and due date,
 * currency, subtotal, tax, total) and line items written as
 * {@code - description | quantity | unit price | amount}. What the text says is kept as is, even
 * when the sums disagree; a missing field is null when the schema allows it, else a default.
 */
final class InvoiceGenerator {
    private static final Pattern VENDOR = label("vendor|supplier|seller|from");
    private static final Pattern NUMBER = Pattern.compile("(?im)^\\s*invoice\\s*(?:number|no\\.?|#|id)\\s*[:#]?\\s*(\\S.*?)\\s*$");
    private static final Pattern ISSUE = label("issue date|invoice date|date of issue|issued|date");
    private static final Pattern DUE = label("due date|payment due|due");
    private static final Pattern CURRENCY = label("currency");
    private static final Pattern SUBTOTAL = label("subtotal|sub-total|net amount|net");
    private static final Pattern TAX = label("tax|vat|sales tax|gst");
    private static final Pattern TOTAL = label("total|grand total|amount due|total due");
    private static final Pattern ITEM = Pattern.compile(
            "(?m)^\\s*[-*•]\\s*([^|\\n]+?)\\s*\\|\\s*([^|\\n]+?)\\s*\\|\\s*([^|\\n]+?)\\s*(?:\\|\\s*([^|\\n]+?)\\s*)?$");
    private static final Pattern CODE = Pattern.compile("\\b(EUR|USD|GBP|CHF|JPY|CAD|AUD|SEK|NOK|DKK|PLN)\\b");

    private InvoiceGenerator() {
    }

    private static Pattern label(String names) {
        return Pattern.compile("(?im)^\\s*(?:" + names + ")(?:\\s*\\([^)\\n]*\\))?\\s*:\\s*(\\S.*?)\\s*$");
    }

    static JsonNode generate(Conversation conversation, JsonNode schema) {
        String text = conversation.document();
        ObjectNode out = Payloads.mapper().createObjectNode();
        text(out, schema, "vendor", find(VENDOR, text), "Unknown vendor");
        text(out, schema, "invoice_number", find(NUMBER, text), "UNKNOWN");
        String issue = Amounts.isoDate(find(ISSUE, text));
        text(out, schema, "issue_date", issue, "1970-01-01");
        text(out, schema, "due_date", Amounts.isoDate(find(DUE, text)), issue == null ? "1970-01-01" : issue);
        out.put("currency", currency(text));
        ArrayNode items = out.putArray("line_items");
        BigDecimal itemSum = items(text, items);
        BigDecimal subtotal = Amounts.parse(find(SUBTOTAL, text));
        BigDecimal tax = Amounts.parse(find(TAX, text));
        BigDecimal total = Amounts.parse(find(TOTAL, text));
        if (subtotal == null) {
            subtotal = items.isEmpty() && total != null && tax != null ? total.subtract(tax) : itemSum;
        }
        if (tax == null) {
            tax = total != null ? total.subtract(subtotal) : BigDecimal.ZERO;
        }
        out.put("subtotal", subtotal);
        out.put("tax", tax);
        out.put("total", total != null ? total : subtotal.add(tax));
        return out;
    }

    private static BigDecimal items(String text, ArrayNode items) {
        BigDecimal sum = BigDecimal.ZERO;
        Matcher m = ITEM.matcher(text);
        while (m.find()) {
            BigDecimal quantity = orElse(Amounts.parse(m.group(2)), BigDecimal.ONE);
            BigDecimal unitPrice = orElse(Amounts.parse(m.group(3)), BigDecimal.ZERO);
            BigDecimal amount = orElse(Amounts.parse(m.group(4)), quantity.multiply(unitPrice));
            items.addObject().put("description", m.group(1)).put("quantity", quantity)
                    .put("unit_price", unitPrice).put("amount", amount);
            sum = sum.add(amount);
        }
        return sum;
    }

    private static void text(ObjectNode out, JsonNode schema, String field, String value, String fallback) {
        if (value != null) {
            out.put(field, value);
        } else if (allowsNull(schema, field)) {
            out.putNull(field);
        } else {
            out.put(field, fallback);
        }
    }

    static boolean allowsNull(JsonNode schema, String field) {
        JsonNode type = schema == null ? null : schema.path("properties").path(field).get("type");
        if (type == null) {
            return false;
        }
        if (type.isArray()) {
            for (JsonNode t : type) {
                if ("null".equals(t.asText())) {
                    return true;
                }
            }
            return false;
        }
        return "null".equals(type.asText());
    }

    private static String currency(String text) {
        String explicit = find(CURRENCY, text);
        if (explicit != null) {
            return explicit.toUpperCase(java.util.Locale.ROOT);
        }
        Matcher code = CODE.matcher(text);
        if (code.find()) {
            return code.group(1);
        }
        return text.contains("$") ? "USD" : text.contains("£") ? "GBP" : "EUR";
    }

    private static String find(Pattern p, String text) {
        Matcher m = p.matcher(text);
        return m.find() ? m.group(1) : null;
    }

    private static BigDecimal orElse(BigDecimal value, BigDecimal fallback) {
        return value != null ? value : fallback;
    }
}
