package io.jobfleet.console;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** One request: its query and form fields, who makes it, and the session's CSRF token. */
final class Request {
    static final int MAX_FORM_BYTES = 64 * 1024;

    final HttpExchange exchange;
    final Map<String, String> query;
    final Map<String, String> form;
    final Principal principal;
    final Sessions.Session session;

    Request(HttpExchange exchange, Map<String, String> form, Principal principal, Sessions.Session session) {
        this.exchange = exchange;
        this.query = parse(exchange.getRequestURI().getRawQuery());
        this.form = form;
        this.principal = principal;
        this.session = session;
    }

    String path() {
        return exchange.getRequestURI().getPath();
    }

    /** A query field typed as free text (an id, a time, a reason), trimmed; null when absent or blank. */
    String q(String name) {
        return blankToNull(query.get(name));
    }

    /** A form field typed as free text, trimmed; null when absent or blank. */
    String f(String name) {
        return blankToNull(form.get(name));
    }

    /**
     * A query field naming something (a queue, a kind, an error class) exactly as sent, spaces
     * included: {@code "ai "} is not {@code "ai"}. Null when absent or empty.
     */
    String qName(String name) {
        return emptyToNull(query.get(name));
    }

    /** A form field naming something, exactly as sent (as {@link #qName}). */
    String fName(String name) {
        return emptyToNull(form.get(name));
    }

    /** The token every form of this session posts back; empty for a bearer token (no cookie, no CSRF). */
    String csrf() {
        return session == null ? "" : session.csrf();
    }

    /** A form body past {@link #MAX_FORM_BYTES}. */
    static final class TooLarge extends RuntimeException {
        TooLarge() {
            super("the form is larger than " + MAX_FORM_BYTES / 1024 + " KiB");
        }
    }

    /** The form's fields; {@link TooLarge}, or IllegalArgumentException when it is not URL-encoded. */
    static Map<String, String> readForm(HttpExchange ex) throws IOException {
        try (InputStream in = ex.getRequestBody()) {
            byte[] body = in.readNBytes(MAX_FORM_BYTES + 1);
            if (body.length > MAX_FORM_BYTES) {
                throw new TooLarge();
            }
            return parse(new String(body, StandardCharsets.UTF_8));
        }
    }

    /** URL-encoded fields; a bad %-escape is an IllegalArgumentException saying so. */
    static Map<String, String> parse(String raw) {
        Map<String, String> out = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return out;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String k = decode(eq < 0 ? pair : pair.substring(0, eq));
            String v = eq < 0 ? "" : decode(pair.substring(eq + 1));
            out.putIfAbsent(k, v);
        }
        return out;
    }

    private static String decode(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("a field is not URL-encoded (a % must be followed by two hex digits, "
                    + "write a literal % as %25): " + e.getMessage());
        }
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
