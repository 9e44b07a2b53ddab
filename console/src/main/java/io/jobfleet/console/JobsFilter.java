package io.jobfleet.console;

import io.jobfleet.db.JobSearchSql.Filter;
import io.jobfleet.db.RetrySql;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The jobs page's filter as typed in its form (query fields queue, kind, status, error_class,
 * from, to, id, payload), read into the list statement's filter. A time is UTC: an ISO instant, a
 * date, or a browser's date-time. The payload filter is {@code payload.FIELD = VALUE}: only for who
 * may see payloads, never on a secret field, and matching a string, number or boolean field only.
 */
final class JobsFilter {
    static final Set<String> STATUSES = Set.of("pending", "running", "completed", "failed", "cancelled");
    private static final Pattern PAYLOAD = Pattern.compile("(?:payload\\.)?([A-Za-z_][A-Za-z0-9_.-]{0,99})\\s*=\\s*(.*)");
    static final String[] FIELDS = {"queue", "kind", "status", "error_class", "from", "to", "id", "payload"};
    /** Fields naming something: taken exactly as sent, never trimmed ({@link Request#qName}). */
    static final Set<String> NAMES = Set.of("queue", "kind", "error_class");

    private JobsFilter() {
    }

    static Filter parse(Request r, View view) {
        String status = r.q("status");
        if (status != null && !STATUSES.contains(status)) {
            throw new IllegalArgumentException("status must be one of " + STATUSES + ", got: " + status);
        }
        Long id = null;
        if (r.q("id") != null) {
            try {
                id = Long.parseLong(r.q("id"));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("id must be a job number, got: " + r.q("id"));
            }
        }
        String key = null;
        String value = null;
        if (r.q("payload") != null) {
            if (!view.seesPayloads(r.principal)) {
                throw new IllegalArgumentException("you may not filter on payload fields: a viewer sees no payloads "
                        + "unless the console runs with --viewer-payloads; ask an operator, or clear the payload field");
            }
            Matcher m = PAYLOAD.matcher(r.q("payload"));
            if (!m.matches() || m.group(2).isBlank()) {
                throw new IllegalArgumentException("a payload filter reads payload.FIELD = VALUE, e.g. payload.user_id = u-7");
            }
            key = m.group(1);
            value = m.group(2).strip();
            if (!view.filterable(key)) {
                throw new IllegalArgumentException("payload field " + key + " is secret: it cannot be filtered on");
            }
        }
        return new Filter(id, r.qName("queue"), r.qName("kind"), status, r.qName("error_class"), time(r.q("from"), "from"),
                time(r.q("to"), "to"), key, value);
    }

    /** The failed jobs a bulk retry of this filter touches: queue, kind and error class carry over. */
    static RetrySql.Filter retryFilter(Filter f) {
        return new RetrySql.Filter(f.queue(), f.kind(), f.errorClass(), null);
    }

    /** The filter's fields as given, for links that keep it (next page, bulk retry). */
    static Map<String, String> fields(Request r) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String f : FIELDS) {
            String v = NAMES.contains(f) ? r.qName(f) : r.q(f);
            if (v != null) {
                out.put(f, v);
            }
        }
        return out;
    }

    static String query(Map<String, String> fields) {
        StringBuilder b = new StringBuilder();
        fields.forEach((k, v) -> b.append(b.length() == 0 ? "" : "&").append(k).append('=').append(Html.url(v)));
        return b.toString();
    }

    static Instant time(String text, String field) {
        if (text == null) {
            return null;
        }
        try {
            if (text.length() == 10) {
                return LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant();
            }
            if (text.endsWith("Z") || text.contains("+")) {
                return Instant.parse(text);
            }
            return LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(field + " must be a UTC time like 2026-01-31T12:00 or a date, got: "
                    + text);
        }
    }
}
