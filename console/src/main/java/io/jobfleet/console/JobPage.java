package io.jobfleet.console;

import com.fasterxml.jackson.databind.JsonNode;
import io.jobfleet.db.Database;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One job: its fields, payload and result (as the principal may see them), progress when the
 * schema has it, its failed attempts from {@code errors}, a timeline, its trace when linked, and
 * the actions its status allows. What it shows is bounded whatever the job holds: long texts are
 * cut with a note of how much was left out, and only the latest {@link #ATTEMPTS_MAX} attempts show.
 */
final class JobPage {
    private static final Pattern TRACEPARENT = Pattern.compile("[0-9a-f]{2}-([0-9a-f]{32})-[0-9a-f]{16}-[0-9a-f]{2}");
    private static final List<String> FIELDS = List.of("queue", "kind", "status", "priority", "attempts",
            "max_attempts", "timeout_seconds", "dedup_key", "locked_by", "lease_until", "scheduled_at");

    /** Characters of last_error shown; the rest is left out with a note. */
    static final int LAST_ERROR_MAX = 4096;
    /** Characters of each attempt's message shown. */
    static final int ERROR_MESSAGE_MAX = 2048;
    /** The latest entries of errors shown, in the attempts table and the timeline. */
    static final int ATTEMPTS_MAX = 50;
    /** Characters shown of an attempt's worker, error class and other short fields. */
    static final int SHORT_MAX = 200;
    /** Characters of the pretty-printed payload, result or progress shown. */
    static final int JSON_MAX = 64 * 1024;

    private final Database db;
    private final View view;

    JobPage(Database db, View view) {
        this.db = db;
        this.view = view;
    }

    Reply render(Request r, String idText, String flash) {
        long id;
        try {
            id = Long.parseLong(idText);
        } catch (NumberFormatException e) {
            return Reply.html(404, Html.page(r, "Not found", "<p>No such job.</p>", null));
        }
        Optional<JsonNode> found = db.admin().jobs().detail(id);
        if (found.isEmpty()) {
            return Reply.html(404, Html.page(r, "Job " + id, "<p>No job " + id + " (pruned, or never existed).</p>",
                    flash));
        }
        JsonNode j = found.get();
        String status = j.path("status").asText();
        StringBuilder b = new StringBuilder();
        b.append(actions(r, id, status));
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("status", "<span id=\"job-status\" class=\"status " + Html.esc(status) + "\">"
                + Html.esc(status) + "</span>"));
        for (String f : FIELDS) {
            if (!f.equals("status") && j.hasNonNull(f)) {
                rows.add(List.of(Html.esc(f), Html.escCut(j.get(f).asText(), LAST_ERROR_MAX)));
            }
        }
        if (j.hasNonNull("progress")) {
            rows.add(List.of("progress", "<pre id=\"progress\">" + Html.escCut(view.json(j.get("progress")), JSON_MAX) + "</pre>"));
        }
        trace(j).ifPresent(link -> rows.add(List.of("trace", link)));
        rows.add(List.of("last error", "<span id=\"last-error\" class=\"error\">" + Html.escCut(j.path("last_error")
                .asText(""), LAST_ERROR_MAX) + "</span>"));
        b.append("<table id=\"job\" class=\"fields\"><tbody>");
        rows.forEach(row -> b.append("<tr><th>").append(row.get(0)).append("</th><td>").append(row.get(1))
                .append("</td></tr>"));
        b.append("</tbody></table>");
        if (view.seesPayloads(r.principal)) {
            b.append("<h2>Payload</h2><pre id=\"payload\">").append(Html.escCut(view.json(j.get("payload")), JSON_MAX))
                    .append("</pre><h2>Result</h2><pre id=\"result\">")
                    .append(Html.escCut(view.json(j.get("result")), JSON_MAX)).append("</pre>");
        } else {
            b.append("<p class=\"note\" id=\"payload-hidden\">Payload and result are hidden from viewers.</p>");
        }
        b.append("<h2>Attempts</h2>").append(attempts(j.path("errors")));
        b.append("<h2>Timeline</h2>").append(timeline(j));
        return Reply.html(Html.page(r, "Job " + id, b.toString(), flash));
    }

    private static String actions(Request r, long id, String status) {
        if (!r.principal.mayAct()) {
            return "";
        }
        StringBuilder b = new StringBuilder("<p class=\"actions\">");
        if (status.equals("failed") || status.equals("cancelled")) {
            b.append(button("retry", id, "Retry"));
        }
        if (status.equals("pending") || status.equals("running")) {
            b.append(button("cancel", id, "Cancel"));
        }
        if (status.equals("running")) {
            b.append(button("unlock", id, "Unlock…"));
        }
        return b.append("</p>").toString();
    }

    private static String button(String action, long id, String label) {
        return "<a class=\"button\" id=\"" + action + "\" href=\"/confirm?action=" + action + "&amp;id=" + id + "\">"
                + label + "</a> ";
    }

    private Optional<String> trace(JsonNode j) {
        String template = view.config().traceUrl();
        if (template == null || !j.hasNonNull("traceparent")) {
            return Optional.empty();
        }
        Matcher m = TRACEPARENT.matcher(j.get("traceparent").asText());
        if (!m.matches()) {
            return Optional.empty();
        }
        String url = template.replace("{trace_id}", m.group(1));
        if (!url.startsWith("https://") && !url.startsWith("http://")) {
            return Optional.empty();
        }
        return Optional.of("<a id=\"trace\" rel=\"noreferrer\" href=\"" + Html.esc(url) + "\">trace " + m.group(1)
                + "</a>");
    }

    /** The latest {@link #ATTEMPTS_MAX} entries of errors, oldest first. */
    private static List<JsonNode> latestErrors(JsonNode errors) {
        List<JsonNode> out = new ArrayList<>();
        if (errors.isArray()) {
            for (int i = Math.max(0, errors.size() - ATTEMPTS_MAX); i < errors.size(); i++) {
                out.add(errors.get(i));
            }
        }
        return out;
    }

    private static String attempts(JsonNode errors) {
        List<List<String>> rows = new ArrayList<>();
        String older = "";
        if (errors.isArray() && errors.size() > ATTEMPTS_MAX) {
            older = "<p class=\"note\" id=\"older-attempts\">" + String.format(java.util.Locale.ROOT, "%,d",
                    errors.size() - ATTEMPTS_MAX) + " older attempts not shown (the latest " + ATTEMPTS_MAX
                    + " are).</p>";
        }
        for (JsonNode e : latestErrors(errors)) {
            rows.add(List.of(Html.esc(e.path("attempt").asText("")), Html.esc(e.path("at").asText("")),
                    Html.escCut(e.path("worker").asText(""), SHORT_MAX), "<span class=\"error-class\">"
                            + Html.escCut(e.path("class").asText(""), SHORT_MAX) + "</span>",
                    "<span class=\"error\">" + Html.escCut(e.path("message").asText(""), ERROR_MESSAGE_MAX)
                            + "</span>",
                    Html.esc(e.path("retry_at").asText("")), Html.escCut(e.path("rescued_by").asText(""), SHORT_MAX)));
        }
        return older + Html.table("attempts", List.of("attempt", "at", "worker", "error class", "message", "retry at",
                "rescued by"), rows);
    }

    /** One moment of the timeline; ISO times from the database sort as text (all UTC offsets alike). */
    private record Event(String at, String what) {
    }

    private static String timeline(JsonNode j) {
        List<Event> events = new ArrayList<>();
        add(events, j, "created_at", "created");
        add(events, j, "scheduled_at", "due");
        add(events, j, "started_at", "last attempt started");
        for (JsonNode e : latestErrors(j.path("errors"))) {
            if (e.hasNonNull("at")) {
                events.add(new Event(e.get("at").asText(), "attempt " + e.path("attempt").asText("?") + " failed: "
                        + Html.cut(e.path("class").asText(""), SHORT_MAX)));
            }
        }
        add(events, j, "completed_at", "ended " + j.path("status").asText(""));
        events.sort(Comparator.comparing(Event::at));
        StringBuilder b = new StringBuilder("<ol id=\"timeline\" class=\"timeline\">");
        for (Event e : events) {
            b.append("<li><time>").append(Html.esc(e.at())).append("</time> ").append(Html.esc(e.what())).append("</li>");
        }
        return b.append("</ol>").toString();
    }

    private static void add(List<Event> events, JsonNode j, String field, String what) {
        if (j.hasNonNull(field)) {
            events.add(new Event(j.get(field).asText(), what));
        }
    }
}
