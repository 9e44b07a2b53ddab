package io.jobfleet.console;

import io.jobfleet.cli.DiagnoseCommand;
import io.jobfleet.cli.Finding;
import io.jobfleet.db.AuditSql;
import io.jobfleet.db.Database;
import io.jobfleet.db.FlowControlSql.KeyRule;
import io.jobfleet.db.FlowControlSql.Limit;
import io.jobfleet.db.FlowControlSql.Pause;
import io.jobfleet.db.ScheduleRow;
import io.jobfleet.db.ScheduleSql;
import io.jobfleet.db.StatsSql.KindStats;
import io.jobfleet.db.WorkerRegistrySql;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** The GET pages: each reads through the operator commands' statements and renders escaped HTML. */
final class Pages {
    /** The overview's window of throughput, failure rate and p95. */
    static final Duration WINDOW = Duration.ofMinutes(15);
    /** Registry rows gone this long are deleted when the Workers page is read. */
    static final Duration PRUNE_GONE_AFTER = Duration.ofMinutes(15);

    private final Database db;
    private final View view;
    private final Function<String, String> workerOfQueue;
    private final JobsPage jobs;
    private final JobPage job;
    private final ConfirmPage confirm;

    Pages(Database db, View view, Function<String, String> workerOfQueue) {
        this.db = db;
        this.view = view;
        this.workerOfQueue = workerOfQueue;
        this.jobs = new JobsPage(db, view);
        this.job = new JobPage(db, view);
        this.confirm = new ConfirmPage(db);
    }

    Reply get(Request r, String flash) {
        String path = r.path();
        return switch (path) {
            case "/" -> Reply.html(Html.page(r, "Overview", overview(r), flash));
            case "/jobs" -> Reply.html(Html.page(r, "Jobs", jobs.render(r), flash));
            case "/workers" -> Reply.html(Html.page(r, "Workers", workers(), flash));
            case "/diagnose" -> Reply.html(Html.page(r, "Diagnose", diagnose(), flash));
            case "/schedules" -> Reply.html(Html.page(r, "Schedules", schedules(), flash));
            case "/audit" -> Reply.html(Html.page(r, "Audit", audit(), flash));
            case "/confirm" -> confirm.render(r);
            default -> path.startsWith("/jobs/") ? job.render(r, path.substring("/jobs/".length()), flash)
                    : Reply.html(404, Html.page(r, "Not found", "<p>No such page.</p>", null));
        };
    }

    /** The sign-in form; {@code token} is its {@link SignIn} token, posted back in a hidden field. */
    static String login(String error, String token) {
        return Html.page(null, "Sign in", (error == null ? "" : "<p class=\"error\" id=\"login-error\">"
                + Html.esc(error) + "</p>")
                + "<form method=\"post\" action=\"/login\" class=\"login\">"
                + "<input type=\"hidden\" name=\"" + SignIn.FIELD + "\" value=\"" + Html.esc(token) + "\">"
                + "<label>Name <input name=\"username\" id=\"username\" autocomplete=\"username\" required></label>"
                + "<label>Password <input type=\"password\" name=\"password\" id=\"password\" "
                + "autocomplete=\"current-password\" required></label>"
                + "<button type=\"submit\" id=\"sign-in\">Sign in</button></form>", null);
    }

    private String overview(Request r) {
        List<KindStats> stats = db.admin().stats().statsByKind(null, WINDOW);
        List<Pause> pauses = db.admin().flow().pauses(null);
        List<Limit> limits = db.admin().flow().limits(null);
        List<KeyRule> keyRules = db.admin().flow().keyRules(null);
        StringBuilder b = new StringBuilder();
        b.append("<p class=\"note\">Live: updated every few seconds without reloading. Throughput, failure rate and "
                + "p95 over the last ").append(WINDOW.toMinutes()).append(" minutes.</p>");
        b.append("<div id=\"chart\" data-window=\"").append(WINDOW.toSeconds()).append("\"></div>");
        b.append(OverviewEvents.table(stats));
        b.append("<h2>Queues</h2>");
        List<List<String>> rows = new ArrayList<>();
        for (String queue : stats.stream().map(k -> k.stats().queue()).distinct().toList()) {
            Pause p = pauses.stream().filter(x -> x.queue().equals(queue) && x.kind() == null && !x.expired())
                    .findFirst().orElse(null);
            String paused = p == null ? "running" : "paused by " + Html.esc(p.pausedBy())
                    + (p.reason() == null || p.reason().isEmpty() ? "" : ": " + Html.esc(p.reason()));
            List<String> rules = new ArrayList<>();
            limits.stream().filter(l -> l.queue().equals(queue)).forEach(l -> rules.add((l.kind() == null ? "queue"
                    : l.kind()) + " ≤ " + l.maxRunning() + " running (" + l.running() + " now)"));
            keyRules.stream().filter(k -> k.queue().equals(queue)).forEach(k -> rules.add((k.kind() == null ? "queue"
                    : k.kind()) + " ≤ " + k.maxPerKey() + " per " + (k.keyField() == null ? "key"
                    : "payload." + k.keyField()) + (k.ordered() ? ", in order" : "")));
            db.admin().flow().claimRates(queue).forEach(rate -> rules.add(rate.name() + ": " + num(rate.permits())
                    + " per " + num(rate.perSeconds()) + " s (burst " + num(rate.burst()) + ")"));
            String caps = Html.esc(String.join(", ", rules));
            String act = "";
            if (r.principal.mayAct()) {
                act = "<a class=\"button\" id=\"" + (p == null ? "pause-" : "resume-") + Html.esc(queue)
                        + "\" href=\"/confirm?action=" + (p == null ? "pause" : "resume") + "&amp;queue="
                        + Html.url(queue) + "\">" + (p == null ? "Pause" : "Resume") + "</a>";
            }
            rows.add(List.of(Html.listName(queue), "<span id=\"state-" + Html.esc(queue) + "\">" + paused + "</span>",
                    caps, act));
        }
        b.append(Html.table("queues", List.of("queue", "state", "limits", ""), rows));
        List<Pause> kindPauses = pauses.stream().filter(p -> p.kind() != null).toList();
        if (!kindPauses.isEmpty()) {
            b.append("<h2>Paused kinds</h2>");
            List<List<String>> kr = new ArrayList<>();
            for (Pause p : kindPauses) {
                kr.add(List.of(Html.listName(p.queue()), Html.listName(p.kind()), Html.esc(p.pausedBy()),
                        p.expired() ? "expired" : "paused", r.principal.mayAct()
                                ? "<a class=\"button\" href=\"/confirm?action=resume&amp;queue=" + Html.url(p.queue())
                                + "&amp;kind=" + Html.url(p.kind()) + "\">Resume</a>" : ""));
            }
            b.append(Html.table("kind-pauses", List.of("queue", "kind", "by", "state", ""), kr));
        }
        return b.toString();
    }

    private static String num(double v) {
        return java.math.BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }

    private String workers() {
        WorkerRegistrySql registry = db.admin().workers();
        registry.pruneStale(PRUNE_GONE_AFTER);
        List<List<String>> rows = new ArrayList<>();
        for (WorkerRegistrySql.Worker w : registry.list()) {
            rows.add(List.of(Html.esc(w.host()), Html.esc(w.pid()), Html.esc(w.version()), Html.esc(w.queue()),
                    Html.esc(String.join(", ", w.kinds())), Html.esc(w.concurrency()), Html.esc(w.held()),
                    Html.esc(Html.time(w.seenAt())), w.gone() ? "<span class=\"gone\">gone</span>" : "live",
                    Html.esc(w.workerId())));
        }
        return "<p class=\"note\">Each worker process refreshes its row once per heartbeat period; a row not "
                + "refreshed for " + WorkerRegistrySql.STALE_BEATS + " periods is shown as gone, and deleted after "
                + PRUNE_GONE_AFTER.toMinutes() + " minutes.</p>"
                + Html.table("workers", List.of("host", "pid", "version", "queue", "kinds", "concurrency", "held",
                "last heartbeat", "state", "worker id"), rows);
    }

    private String diagnose() {
        List<Finding> findings = DiagnoseCommand.findings(db, workerOfQueue);
        List<List<String>> rows = new ArrayList<>();
        for (Finding f : findings) {
            rows.add(List.of(f.isProblem() ? "<span class=\"problem\">problem</span>" : "notice", Html.esc(f.code()),
                    Html.esc(f.message())));
        }
        return "<p class=\"note\">The findings of <code>jobfleet diagnose</code>, each with what to do.</p>"
                + Html.table("findings", List.of("severity", "finding", "what it means and what to do"), rows);
    }

    private String schedules() {
        ScheduleSql sql = new ScheduleSql(db);
        List<List<String>> rows = new ArrayList<>();
        for (ScheduleRow s : sql.list(null, null)) {
            rows.add(List.of(Html.esc(s.name()), Html.esc(s.cron()), Html.esc(s.timeZone()), Html.esc(s.queue()),
                    Html.esc(s.kind()), s.paused() ? "paused" : "active", Html.esc(Html.time(s.nextRun())),
                    s.lastJobId() == null ? "" : "<a href=\"/jobs/" + s.lastJobId() + "\">" + s.lastJobId() + "</a> "
                            + Html.esc(s.lastJobStatus()), Html.esc(s.lastJobError())));
        }
        return Html.table("schedules", List.of("name", "cron", "zone", "queue", "kind", "state", "next run",
                "last job", "last error"), rows);
    }

    private String audit() {
        List<List<String>> rows = new ArrayList<>();
        for (AuditSql.Recorded a : db.admin().audit().recent(200)) {
            rows.add(List.of(Html.esc(Html.time(a.at())), Html.esc(a.entry().actor()), Html.esc(a.entry().action()),
                    Html.esc(a.entry().target()), Html.esc(a.entry().filterJson()), Html.esc(a.entry().jobs()),
                    Html.esc(a.entry().detail())));
        }
        return Html.table("audit", List.of("when", "who", "action", "on", "filter", "jobs", "detail"), rows);
    }
}
