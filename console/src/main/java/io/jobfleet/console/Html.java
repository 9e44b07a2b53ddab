package io.jobfleet.console;

import io.jobfleet.support.StoredText;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * HTML building with everything escaped: job payloads, errors and names are hostile input. The
 * pages load only this console's own scripts and styles (the Content-Security-Policy forbids
 * inline ones), so text that escaped anyway could still not run.
 */
final class Html {
    static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss'Z'")
            .withZone(ZoneOffset.UTC);
    private static final List<String[]> NAV = List.of(new String[] {"/", "Overview"}, new String[] {"/jobs", "Jobs"},
            new String[] {"/workers", "Workers"}, new String[] {"/diagnose", "Diagnose"},
            new String[] {"/schedules", "Schedules"}, new String[] {"/audit", "Audit"});

    private Html() {
    }

    static String esc(Object o) {
        if (o == null) {
            return "";
        }
        String s = o.toString();
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> appendVisible(b, c);
            }
        }
        return b.toString();
    }

    /**
     * A character that reorders or hides text without showing itself: the bidirectional controls
     * (a queue name "evil\u202Egnp.exe" read backwards) and the invisible spaces. A page shows each
     * as its code point, so two names that differ only by one do not look the same. The joiners
     * that emoji and scripts need (U+200C, U+200D) are left as they are.
     */
    static boolean hidden(char c) {
        return c >= '\u202A' && c <= '\u202E' || c >= '\u2066' && c <= '\u2069' || c == '\u200E' || c == '\u200F'
                || c == '\u061C' || c == '\u200B' || c == '\u2060' || c == '\uFEFF';
    }

    /**
     * A queue or kind name in a table cell: escaped, with each space, tab or other blank at its
     * start or end shown as a visible mark ({@code ai␠}), so {@code "ai "} and {@code "ai"} differ
     * on the page; the exact name is in the title.
     */
    static String name(String s) {
        if (s == null || (!s.isEmpty() && s.strip().equals(s))) {
            return esc(s);
        }
        return "<span class=\"blank-ends\" title=\"" + esc(quoted(s)) + "\">" + marked(s, Html::esc) + "</span>";
    }

    /** {@code s} with the blanks at its ends as marks and its middle as {@code middle} writes it. */
    private static String marked(String s, UnaryOperator<String> middle) {
        int from = 0;
        while (from < s.length() && Character.isWhitespace(s.charAt(from))) {
            from++;
        }
        int to = s.length();
        while (to > from && Character.isWhitespace(s.charAt(to - 1))) {
            to--;
        }
        return marks(s.substring(0, from)) + middle.apply(s.substring(from, to)) + marks(s.substring(to));
    }

    /** Longest name a list shows whole; a longer one is cut with an ellipsis, the full name in its title. */
    static final int LIST_NAME_MAX = 60;
    /** Longest title given to a cut name. */
    private static final int TITLE_MAX = 1000;

    /**
     * A queue or kind name in a list cell: as {@link #name(String)}, cut at {@link #LIST_NAME_MAX}
     * characters with an ellipsis; the title holds the name (up to 1000 characters).
     */
    static String listName(String s) {
        if (s == null || s.length() <= LIST_NAME_MAX) {
            return name(s);
        }
        return "<span class=\"cut-name\" title=\"" + esc(cut(quoted(s), TITLE_MAX)) + "\">"
                + esc(cut(s, LIST_NAME_MAX)) + "</span>";
    }

    /**
     * A queue or kind name as {@link #listName} shows it, as plain text for the overview's script
     * (which writes text only): hidden characters as {@code [U+202E]}, blank ends as marks, cut at
     * {@link #LIST_NAME_MAX} characters. {@code title} is the exact name when the text differs.
     */
    record Shown(String text, String title) {
    }

    static Shown shown(String s) {
        if (s == null) {
            return new Shown("", null);
        }
        String text = marked(s, middle -> visible(cut(middle, LIST_NAME_MAX)));
        String title = visible(cut(quoted(s), TITLE_MAX));
        return new Shown(text, title.equals(text) ? null : title);
    }

    /** {@code s} with each {@link #hidden} character written as its code point. */
    private static String visible(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            appendVisible(b, s.charAt(i));
        }
        return b.toString();
    }

    /** {@code c}, or its code point ({@code [U+202E]}) when it is {@link #hidden}. */
    private static void appendVisible(StringBuilder b, char c) {
        if (hidden(c)) {
            b.append("[U+").append(String.format(java.util.Locale.ROOT, "%04X", (int) c)).append(']');
        } else {
            b.append(c);
        }
    }

    /** {@code s} cut at {@code max} characters (never inside a surrogate pair), with … when cut. */
    static String cut(String s, int max) {
        return StoredText.capped(s, max + 1); // capped counts the … in
    }

    /**
     * {@code s} escaped and cut at {@code max} characters, followed by a note of how much was left
     * out (the whole text stays in the database).
     */
    static String escCut(String s, int max) {
        if (s == null || s.length() <= max) {
            return esc(s);
        }
        return esc(cut(s, max)) + " <span class=\"note cut\">(" + String.format(java.util.Locale.ROOT, "%,d",
                s.length() - max) + " more characters not shown)</span>";
    }

    /** A name in running text: as is, or in double quotes when it is empty or starts or ends with a blank. */
    static String quoted(String s) {
        return s == null || (!s.isEmpty() && s.strip().equals(s)) ? s : "\"" + s + "\"";
    }

    private static String marks(String blanks) {
        StringBuilder b = new StringBuilder();
        for (char c : blanks.toCharArray()) {
            b.append(c == '\t' ? '⇥' : '␠');
        }
        return b.toString();
    }

    static String url(String s) {
        return URLEncoder.encode(s == null ? "" : s, StandardCharsets.UTF_8);
    }

    static String time(Instant t) {
        return t == null ? "" : TIME.format(t);
    }

    /** A hidden field with the session's CSRF token, for every form that posts. */
    static String csrfField(Request r) {
        return "<input type=\"hidden\" name=\"_csrf\" value=\"" + esc(r.csrf()) + "\">";
    }

    /** The page around {@code body}: navigation, who is signed in, a flash message. */
    static String page(Request r, String title, String body, String flash) {
        StringBuilder b = new StringBuilder(4096 + body.length());
        b.append("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
                .append("<meta name=\"htmx-config\" content='{\"includeIndicatorStyles\":false,\"allowEval\":false}'>")
                .append("<title>").append(esc(title)).append(" · jobfleet</title>")
                .append("<link rel=\"stylesheet\" href=\"/static/console.css\">")
                .append("<link rel=\"stylesheet\" href=\"/static/uPlot.min.css\">")
                .append("<script src=\"/static/htmx.min.js\" defer></script>")
                .append("<script src=\"/static/uPlot.iife.min.js\" defer></script>")
                .append("<script src=\"/static/console.js\" defer></script>")
                .append("</head><body><header><strong>jobfleet</strong><nav>");
        String path = r == null ? "" : r.path();
        for (String[] n : NAV) {
            boolean on = n[0].equals("/") ? path.equals("/") : path.startsWith(n[0]);
            b.append("<a href=\"").append(n[0]).append("\"").append(on ? " class=\"on\"" : "").append(">")
                    .append(n[1]).append("</a>");
        }
        b.append("</nav>");
        if (r != null && r.principal != null) {
            b.append("<span class=\"who\" id=\"who\">").append(esc(r.principal.name())).append(" (")
                    .append(r.principal.role().label()).append(")</span>");
            if (r.session != null) {
                b.append("<form method=\"post\" action=\"/logout\" class=\"inline\">").append(csrfField(r))
                        .append("<button type=\"submit\" id=\"sign-out\">Sign out</button></form>");
            }
        }
        b.append("</header><main><h1>").append(esc(title)).append("</h1>");
        if (flash != null) {
            b.append("<p class=\"flash\" id=\"flash\">").append(esc(flash)).append("</p>");
        }
        b.append(body).append("</main></body></html>");
        return b.toString();
    }

    /** A table: {@code head} cells are trusted labels, rows are already-escaped cells. */
    static String table(String id, List<String> head, List<List<String>> rows) {
        StringBuilder b = new StringBuilder("<table id=\"").append(esc(id)).append("\"><thead><tr>");
        head.forEach(h -> b.append("<th>").append(h).append("</th>"));
        b.append("</tr></thead><tbody>");
        for (List<String> row : rows) {
            b.append("<tr>");
            row.forEach(c -> b.append("<td>").append(c).append("</td>"));
            b.append("</tr>");
        }
        if (rows.isEmpty()) {
            b.append("<tr><td colspan=\"").append(head.size()).append("\" class=\"empty\">nothing</td></tr>");
        }
        return b.append("</tbody></table>").toString();
    }
}
