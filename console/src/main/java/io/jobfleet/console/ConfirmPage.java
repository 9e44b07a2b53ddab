package io.jobfleet.console;

import io.jobfleet.db.Database;
import io.jobfleet.db.RetrySql;
import io.jobfleet.db.StatsSql.KindStats;
import io.jobfleet.db.StuckJob;
import io.jobfleet.db.UnlockSql;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The confirmation before every action: it says how many jobs the action touches now (for an
 * unlock, the dry run's rows) and posts the action with the session's CSRF token.
 */
final class ConfirmPage {
    private final Database db;

    ConfirmPage(Database db) {
        this.db = db;
    }

    Reply render(Request r) {
        if (!r.principal.mayAct()) {
            return Reply.html(403, Html.page(r, "Refused", "<p>Only an operator may act; you are a "
                    + r.principal.role().label() + ".</p>", null));
        }
        String action = r.q("action") == null ? "" : r.q("action");
        Map<String, String> fields = new LinkedHashMap<>();
        String question;
        String extra = "";
        long touches;
        switch (action) {
            case "retry", "cancel" -> {
                long id = id(r);
                fields.put("id", Long.toString(id));
                String status = status(id);
                boolean fits = action.equals("retry") ? status.equals("failed") || status.equals("cancelled")
                        : status.equals("pending") || status.equals("running");
                touches = fits ? 1 : 0;
                question = (action.equals("retry") ? "Retry" : "Cancel") + " job " + id + " (" + status + ")?";
            }
            case "unlock" -> {
                long id = id(r);
                fields.put("id", Long.toString(id));
                List<StuckJob> dry = db.admin().unlock().preview(new UnlockSql.Filter(null, null, List.of(id),
                        Duration.ZERO));
                touches = dry.size();
                question = "Unlock job " + id + "? Dry run: " + (dry.isEmpty()
                        ? "its lease has not expired, so a live worker holds it and nothing would change."
                        : "its lease expired; it goes back to pending, or to failed when its attempts are spent.");
                extra = dryRun(dry);
            }
            case "pause", "resume" -> {
                String queue = r.qName("queue");
                if (queue == null) {
                    throw new IllegalArgumentException("missing queue");
                }
                String kind = r.qName("kind");
                fields.put("queue", queue);
                Optional.ofNullable(kind).ifPresent(k -> fields.put("kind", k));
                touches = pending(db, queue, kind);
                question = (action.equals("pause") ? "Pause " : "Resume ") + Actions.target(queue, kind)
                        + "? " + (action.equals("pause") ? "Its pending jobs wait; running ones finish."
                        : "Its pending jobs run again.");
                if (action.equals("pause")) {
                    extra = "<label>Reason <input name=\"reason\" id=\"reason\" value=\"paused in the console\"></label>";
                }
            }
            case "bulk-retry" -> {
                RetrySql.Filter f = new RetrySql.Filter(r.qName("queue"), r.qName("kind"), r.qName("error_class"),
                        null);
                Optional.ofNullable(f.queue()).ifPresent(v -> fields.put("queue", v));
                Optional.ofNullable(f.kind()).ifPresent(v -> fields.put("kind", v));
                Optional.ofNullable(f.errorClass()).ifPresent(v -> fields.put("error_class", v));
                touches = db.admin().retry().countFailed(f);
                StringBuilder with = new StringBuilder();
                fields.forEach((k, v) -> with.append(with.length() == 0 ? " with " : ", ").append(k).append(' ')
                        .append(Html.quoted(v)));
                question = "Retry every failed job" + with + "?";
            }
            default -> throw new IllegalArgumentException("no such action: " + action);
        }
        StringBuilder b = new StringBuilder("<p id=\"question\">").append(Html.esc(question)).append("</p>")
                .append("<p class=\"touches\">This touches <strong id=\"touches\">").append(touches)
                .append("</strong> ").append(touches == 1 ? "job" : "jobs").append(".</p>")
                .append("<form method=\"post\" action=\"/actions/").append(Html.esc(action)).append("\">")
                .append(Html.csrfField(r));
        fields.forEach((k, v) -> b.append("<input type=\"hidden\" name=\"").append(Html.esc(k)).append("\" value=\"")
                .append(Html.esc(v)).append("\">"));
        b.append(extra).append("<button type=\"submit\" id=\"confirm\">Confirm</button> <a href=\"/\">Back</a></form>");
        return Reply.html(Html.page(r, "Confirm " + action, b.toString(), null));
    }

    /** Pending jobs (due or scheduled) of a queue, or of one kind in it. */
    static long pending(Database db, String queue, String kind) {
        long n = 0;
        for (KindStats k : db.admin().stats().statsByKind(queue, Pages.WINDOW)) {
            if (kind == null || kind.equals(k.kind())) {
                n += k.stats().pending();
            }
        }
        return n;
    }

    private String status(long id) {
        return db.admin().jobs().detail(id).map(j -> j.path("status").asText()).orElseThrow(
                () -> new IllegalArgumentException("no job " + id));
    }

    private static String dryRun(List<StuckJob> rows) {
        List<List<String>> out = new ArrayList<>();
        for (StuckJob s : rows) {
            out.add(List.of(Long.toString(s.id()), Html.esc(s.queue()), Html.esc(s.kind()),
                    s.attempts() + "/" + s.maxAttempts(), Html.esc(s.lockedBy()), Html.esc(Html.time(s.leaseUntil()))));
        }
        return Html.table("dry-run", List.of("id", "queue", "kind", "attempts", "locked by", "lease until"), out);
    }

    private static long id(Request r) {
        try {
            return Long.parseLong(r.q("id"));
        } catch (NumberFormatException | NullPointerException e) {
            throw new IllegalArgumentException("id must be a job number");
        }
    }
}
