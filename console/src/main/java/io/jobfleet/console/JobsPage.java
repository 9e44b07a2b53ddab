package io.jobfleet.console;

import io.jobfleet.db.Database;
import io.jobfleet.db.JobSearchSql;
import io.jobfleet.db.JobSearchSql.Filter;
import io.jobfleet.db.JobSearchSql.Listed;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The jobs list: a filter form and one keyset page of the newest matching jobs. */
final class JobsPage {
    static final int PAGE = 50;

    private final Database db;
    private final View view;

    JobsPage(Database db, View view) {
        this.db = db;
        this.view = view;
    }

    String render(Request r) {
        Filter f = JobsFilter.parse(r, view);
        Long before = null;
        if (r.q("before") != null) {
            try {
                before = Long.parseLong(r.q("before"));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("before must be a job number, got: " + r.q("before"));
            }
        }
        JobSearchSql.Page page = db.admin().jobs().search(f, before, PAGE);
        Map<String, String> fields = JobsFilter.fields(r);
        StringBuilder b = new StringBuilder(form(r, view.seesPayloads(r.principal)));
        b.append("<div id=\"results\">");
        List<List<String>> rows = new ArrayList<>();
        for (Listed j : page.rows()) {
            rows.add(List.of("<a href=\"/jobs/" + j.id() + "\" class=\"job-link\">" + j.id() + "</a>", Html.listName(j.queue()),
                    Html.listName(j.kind()), "<span class=\"status " + Html.esc(j.status()) + "\">" + Html.esc(j.status())
                            + "</span>", j.attempts() + "/" + j.maxAttempts(), Html.esc(Html.time(j.createdAt())),
                    Html.esc(Html.cut(j.errorClass(), Html.LIST_NAME_MAX)), "<span class=\"error\">" + Html.esc(j.lastError()) + "</span>"));
        }
        b.append(Html.table("jobs", List.of("id", "queue", "kind", "status", "attempts", "created", "error class",
                "last error"), rows));
        if (page.nextBefore() != null) {
            if (page.rows().size() < PAGE) {
                b.append("<p class=\"note\" id=\"looked\">Jobs ").append(page.lookedFrom()).append(" to ")
                        .append(page.lookedBelow() - 1).append(" looked at; older ones are on the next page.</p>");
            }
            b.append("<p><a id=\"older\" href=\"/jobs?").append(Html.esc(JobsFilter.query(fields)))
                    .append(fields.isEmpty() ? "" : "&amp;").append("before=").append(page.nextBefore())
                    .append("\">Older jobs →</a></p>");
        }
        if (r.principal.mayAct() && "failed".equals(f.status()) && f.id() == null && f.payloadKey() == null
                && f.createdFrom() == null && f.createdTo() == null) {
            b.append("<p><a class=\"button\" id=\"bulk-retry\" href=\"/confirm?action=bulk-retry&amp;")
                    .append(Html.esc(JobsFilter.query(fields))).append("\">Retry every failed job of this filter…</a></p>");
        } else if (r.principal.mayAct() && "failed".equals(f.status())) {
            b.append("<p class=\"note\">Bulk retry applies to queue, kind and error class; clear the other fields "
                    + "to use it.</p>");
        }
        return b.append("</div>").toString();
    }

    private static String form(Request r, boolean payloadFilter) {
        StringBuilder b = new StringBuilder("<form method=\"get\" action=\"/jobs\" id=\"filter\" class=\"filter\" ")
                .append("hx-get=\"/jobs\" hx-target=\"#results\" hx-select=\"#results\" hx-swap=\"outerHTML\" ")
                .append("hx-push-url=\"true\">");
        field(b, r, "queue", "queue", "text");
        field(b, r, "kind", "kind", "text");
        b.append("<label>status <select name=\"status\" id=\"f-status\"><option value=\"\">any</option>");
        for (String s : List.of("pending", "running", "completed", "failed", "cancelled")) {
            b.append("<option").append(s.equals(r.q("status")) ? " selected" : "").append(">").append(s)
                    .append("</option>");
        }
        b.append("</select></label>");
        field(b, r, "error_class", "error class", "text");
        field(b, r, "from", "created from (UTC)", "text");
        field(b, r, "to", "created before (UTC)", "text");
        field(b, r, "id", "id", "text");
        if (payloadFilter) {
            field(b, r, "payload", "payload.FIELD = VALUE", "text");
        }
        return b.append("<button type=\"submit\" id=\"apply\">Filter</button> <a href=\"/jobs\">clear</a></form>")
                .toString();
    }

    private static void field(StringBuilder b, Request r, String name, String label, String type) {
        b.append("<label>").append(Html.esc(label)).append(" <input type=\"").append(type).append("\" name=\"")
                .append(name).append("\" id=\"f-").append(name).append("\" value=\"")
                .append(Html.esc(JobsFilter.NAMES.contains(name) ? r.qName(name) : r.q(name)))
                .append("\"></label>");
    }
}
