package io.jobfleet.console;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jobfleet.db.AuditSql;
import io.jobfleet.db.BatchProgress;
import io.jobfleet.db.Database;
import io.jobfleet.db.FlowControlSql.Pause;
import io.jobfleet.db.RetrySql;
import io.jobfleet.db.UnlockSql;
import io.jobfleet.support.Json;
import java.time.Duration;
import java.util.List;

/**
 * The operator's actions, each through the statement of its CLI command and each written to the
 * audit table with who took it, on what, and how many jobs it touched. The caller has checked the
 * role and the CSRF token.
 */
final class Actions {
    static final int BULK_BATCH = 500;

    /**
     * What an action did, the page a browser is shown next, and the status a script (bearer token)
     * gets with the message: 200 when it acted, 409 when there was nothing to do, 404 when the job
     * does not exist.
     */
    record Done(String message, String next, int status) {
        static final int ACTED = 200;
        static final int NOTHING_DONE = 409;
        static final int NOT_FOUND = 404;
    }

    private final Database db;

    Actions(Database db) {
        this.db = db;
    }

    Done run(String action, Request r) {
        return switch (action) {
            case "retry" -> retry(r, id(r));
            case "cancel" -> cancel(r, id(r));
            case "unlock" -> unlock(r, id(r));
            case "pause" -> pause(r);
            case "resume" -> resume(r);
            case "bulk-retry" -> bulkRetry(r);
            default -> throw new IllegalArgumentException("no such action: " + action);
        };
    }

    private Done retry(Request r, long id) {
        RetrySql.RetryOne one = db.admin().retry().retry(id);
        String detail = one.retried() ? "pending again, attempts reset"
                : one.dedupHolder().map(h -> "refused: job " + h + " holds its dedup key")
                        .orElse("not failed or cancelled: nothing done");
        return onJob(r, "retry", id, one.retried() ? 1 : 0, detail);
    }

    /** Audits an action on one job and says what it did; nothing done to a job that does not exist says so. */
    private Done onJob(Request r, String action, long id, int jobs, String detail) {
        boolean missing = jobs == 0 && db.queue().find(id).isEmpty();
        String said = missing ? "does not exist" : detail;
        audit(r, action, "job " + id, null, jobs, said);
        return new Done("Job " + id + ": " + said + ".", missing ? "/jobs" : "/jobs/" + id,
                jobs > 0 ? Done.ACTED : missing ? Done.NOT_FOUND : Done.NOTHING_DONE);
    }

    private Done cancel(Request r, long id) {
        boolean done = db.queue().cancel(id);
        String detail = done ? "cancelled" : "not pending or running: nothing done";
        return onJob(r, "cancel", id, done ? 1 : 0, detail);
    }

    private Done unlock(Request r, long id) {
        List<UnlockSql.Unlocked> done = db.admin().unlock().execute(
                new UnlockSql.Filter(null, null, List.of(id), Duration.ZERO), false, r.principal.actor(),
                BatchProgress.NONE);
        String detail = done.isEmpty() ? "its lease has not expired: nothing done (a live worker holds it)"
                : "unlocked to " + done.get(0).status();
        return onJob(r, "unlock", id, done.size(), detail);
    }

    private Done pause(Request r) {
        String queue = requiredName(r, "queue");
        String kind = r.fName("kind");
        String reason = r.f("reason") == null ? "paused in the console" : r.f("reason");
        long pending = ConfirmPage.pending(db, queue, kind);
        db.admin().flow().pause(queue, kind, reason, r.principal.actor(), null);
        audit(r, "pause", target(queue, kind), null, pending, reason);
        return new Done(target(queue, kind) + " paused (" + pending + " pending jobs wait).", "/", Done.ACTED);
    }

    private Done resume(Request r) {
        String queue = requiredName(r, "queue");
        String kind = r.fName("kind");
        List<Pause> lifted = db.admin().flow().resume(queue, kind);
        long pending = ConfirmPage.pending(db, queue, kind);
        String detail = lifted.isEmpty() ? "was not paused" : "resumed";
        audit(r, "resume", target(queue, kind), null, lifted.isEmpty() ? 0 : pending, detail);
        return new Done(target(queue, kind) + " " + detail + ".", "/", lifted.isEmpty() ? Done.NOTHING_DONE : Done.ACTED);
    }

    private Done bulkRetry(Request r) {
        RetrySql.Filter f = new RetrySql.Filter(r.fName("queue"), r.fName("kind"), r.fName("error_class"),
                null);
        RetrySql.Retried done = db.admin().retry().retryFailed(f, BULK_BATCH, BatchProgress.NONE);
        ObjectNode filter = Json.mapper().createObjectNode().put("status", "failed");
        if (f.queue() != null) {
            filter.put("queue", f.queue());
        }
        if (f.kind() != null) {
            filter.put("kind", f.kind());
        }
        if (f.errorClass() != null) {
            filter.put("error_class", f.errorClass());
        }
        String detail = done.retried() + " retried" + (done.skipped().isEmpty() ? ""
                : ", " + done.skipped().size() + " skipped (dedup key in use): " + done.skipped());
        audit(r, "bulk-retry", null, filter.toString(), done.retried(), detail);
        return new Done("Bulk retry: " + detail + ".", "/jobs?status=failed", Done.ACTED);
    }

    private void audit(Request r, String action, String target, String filterJson, long jobs, String detail) {
        db.admin().audit().record(new AuditSql.Entry(r.principal.actor(), action, target, filterJson, jobs, detail));
    }

    /** {@code queue ai}, {@code kind x of queue ai}; a name with spaces at an end in quotes: {@code queue "ai "}. */
    static String target(String queue, String kind) {
        return kind == null ? "queue " + Html.quoted(queue) : "kind " + Html.quoted(kind) + " of queue "
                + Html.quoted(queue);
    }

    private static long id(Request r) {
        try {
            return Long.parseLong(required(r, "id"));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("id must be a job number");
        }
    }

    private static String requiredName(Request r, String field) {
        String v = r.fName(field);
        if (v == null) {
            throw new IllegalArgumentException("missing " + field);
        }
        return v;
    }

    private static String required(Request r, String field) {
        String v = r.f(field);
        if (v == null) {
            throw new IllegalArgumentException("missing " + field);
        }
        return v;
    }
}
