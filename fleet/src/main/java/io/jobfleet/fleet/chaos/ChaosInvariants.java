package io.jobfleet.fleet.chaos;

import io.jobfleet.db.Database;
import io.jobfleet.fleet.mix.DemoTables;
import io.jobfleet.mapping.AppMapping;
import io.jobfleet.messages.store.MessagesMapping;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The checks at the end of a chaos run, each printed as a figure: every job finished, none
 * stuck, no duplicate effects, every failure readable, and the slowest rescue after a kill.
 */
final class ChaosInvariants {
    private final Database db;
    private final DemoTables t;
    private final List<String> broken = new ArrayList<>();
    private final PrintWriter out;

    ChaosInvariants(Database db, PrintWriter out) {
        this.db = db;
        this.t = DemoTables.of(db);
        this.out = out;
    }

    /** {@code pause}: how long a SIGSTOP lasted before its SIGCONT. */
    boolean check(long producedAtLeast, List<Disruption> disruptions, Duration rescueBound, Duration pause) {
        Map<String, Object> c = one("SELECT count(*) AS total, "
                + "count(*) FILTER (WHERE status = 'completed') AS completed, "
                + "count(*) FILTER (WHERE status = 'failed') AS failed, "
                + "count(*) FILTER (WHERE status = 'cancelled') AS cancelled, "
                + "count(*) FILTER (WHERE status IN ('pending', 'running')) AS stuck FROM " + jobs());
        long total = n(c, "total");
        long done = n(c, "completed") + n(c, "failed") + n(c, "cancelled");
        figure("jobs enqueued", total, total >= producedAtLeast);
        out.printf("  %-48s %d completed + %d failed + %d cancelled = %d%n", "finished", n(c, "completed"),
                n(c, "failed"), n(c, "cancelled"), done);
        figure("enqueued = completed + failed + cancelled", total == done ? 1 : 0, total == done);
        figure("stuck (pending or running)", n(c, "stuck"), n(c, "stuck") == 0);
        List<Map<String, Object>> classes = db.jdbi().withHandle(h -> h.createQuery("SELECT kind, errors -> -1 ->> 'class' "
                + "AS class, count(*) AS n FROM " + jobs() + " WHERE status = 'failed' GROUP BY 1, 2 ORDER BY 3 DESC")
                .mapToMap().list());
        out.printf("  %-48s%n", "failed jobs by kind and last error class:");
        classes.forEach(r -> out.printf("    %-30s %-22s %d%n", r.get("kind"), r.get("class"), n(r, "n")));

        // one ledger row per attempt that reserved tokens; exactly one completed row per completed job
        long usageDup = scalar("SELECT count(*) FROM (SELECT job_id FROM " + t.ledger() + " WHERE job_id > 0 "
                + "AND state = 'completed' "
                + "GROUP BY job_id HAVING count(*) > 1) d");
        long usageMissing = scalar("SELECT count(*) FROM " + jobs() + " j WHERE j.kind = 'ai.generate' "
                + "AND j.status = 'completed' AND NOT EXISTS (SELECT 1 FROM " + t.ledger() + " l WHERE l.job_id = j.id "
                + "AND l.state = 'completed')");
        long usageStray = scalar("SELECT count(*) FROM " + t.ledger() + " l WHERE l.job_id > 0 "
                + "AND l.state = 'completed' "
                + "AND NOT EXISTS "
                + "(SELECT 1 FROM " + jobs() + " j WHERE j.id = l.job_id AND j.status = 'completed')");
        figure("usage rows: duplicates / missing / for unfinished jobs", usageDup + usageMissing + usageStray,
                usageDup + usageMissing + usageStray == 0);

        long reqMismatch = scalar("SELECT count(*) FROM " + jobs() + " j WHERE j.kind = 'document.extract_requirements' "
                + "AND j.status = 'completed' AND (j.result ->> 'requirements')::int <> "
                + "(SELECT count(*) FROM " + t.requirements() + " r WHERE r.job_id = j.id)");
        long reqStray = scalar("SELECT count(*) FROM " + t.requirements() + " r WHERE NOT EXISTS "
                + "(SELECT 1 FROM " + jobs()
                + " j WHERE j.id = r.job_id AND j.status = 'completed')");
        figure("requirements: per-job count off / written by unfinished jobs", reqMismatch + reqStray,
                reqMismatch + reqStray == 0);

        long cardMismatch = scalar("SELECT count(*) FROM " + jobs() + " j WHERE j.kind = 'collection.generate' "
                + "AND j.status = 'completed' AND ((j.result ->> 'flashcards')::int <> "
                + "(SELECT count(*) FROM " + t.flashcards() + " f WHERE f.job_id = j.id) "
                + "OR (j.result ->> 'questions')::int <> "
                + "(SELECT count(*) FROM " + t.questions() + " q WHERE q.job_id = j.id))");
        long cardStray = scalar("SELECT (SELECT count(*) FROM " + t.flashcards() + " f WHERE NOT EXISTS "
                + "(SELECT 1 FROM " + jobs() + " j WHERE j.id = f.job_id AND j.status = 'completed')) "
                + "+ (SELECT count(*) FROM " + t.questions() + " q "
                + "WHERE NOT EXISTS (SELECT 1 FROM " + jobs() + " j WHERE j.id = q.job_id AND j.status = 'completed'))");
        figure("flashcards and questions: count off / written by unfinished jobs", cardMismatch + cardStray,
                cardMismatch + cardStray == 0);

        AppMapping m = MessagesMapping.SPEC.defaults(db.config().appSchema());
        String incoming = m.table(MessagesMapping.INCOMING).table();
        String outgoing = m.table(MessagesMapping.OUTGOING).table();
        long replyDup = scalar("SELECT count(*) FROM (SELECT in_reply_to FROM " + outgoing + " WHERE in_reply_to IS NOT NULL "
                + "GROUP BY 1 HAVING count(*) > 1) d");
        long inFlight = scalar("SELECT (SELECT count(*) FROM " + incoming + " WHERE status = 'PROCESSING') "
                + "+ (SELECT count(*) FROM " + outgoing + " WHERE status IN ('PENDING', 'SENDING'))");
        figure("messages: replies twice / left in flight", replyDup + inFlight, replyDup + inFlight == 0);

        long unreadable = scalar("SELECT count(*) FROM " + jobs() + " WHERE status = 'failed' AND (last_error IS NULL "
                + "OR btrim(last_error) = '' OR length(last_error) > 1000 OR last_error ~ '(Exception|\\tat |\\.java:)')");
        figure("failures without a readable error", unreadable, unreadable == 0);

        out.println("  rescues per disruption:");
        Duration slowest = slowestRescue(disruptions, pause);
        figure("slowest kill-to-rescue (ms)", slowest.toMillis(), slowest.compareTo(rescueBound) <= 0);
        out.printf("  %-48s %d ms (lease + rescue interval)%n", "rescue bound", rescueBound.toMillis());
        return broken.isEmpty();
    }

    List<String> broken() {
        return broken;
    }

    /**
     * For each SIGKILL, the time from the kill to the rescue of each job the dead worker held (a
     * killed process holds nothing later, so every later {@code worker_lost} entry of its pid is
     * the kill's). For each SIGSTOP, the jobs rescued while the worker was paused (after SIGCONT it
     * renews its leases again, so later rescues of that pid have other causes). The largest.
     */
    private Duration slowestRescue(List<Disruption> disruptions, Duration pause) {
        Duration slowest = Duration.ZERO;
        int killed = 0;
        int paused = 0;
        for (Disruption d : disruptions) {
            boolean kill = d.what().equals("SIGKILL");
            if (!kill && !d.what().equals("SIGSTOP")) {
                continue;
            }
            Instant until = kill ? Instant.MAX : d.at().plus(pause).plusSeconds(1);
            List<Instant> rescues = db.jdbi().withHandle(h -> h.createQuery("SELECT (e ->> 'at')::timestamptz AS at "
                            + "FROM " + jobs() + " j, jsonb_array_elements(j.errors) e WHERE e ->> 'class' = 'worker_lost' "
                            + "AND strpos(e ->> 'worker', :pid) > 0")
                    .bind("pid", ":" + d.pid() + ":").map((rs, ctx) -> rs.getTimestamp("at").toInstant()).list())
                    .stream().filter(r -> !r.isBefore(d.at()) && r.isBefore(until)).toList();
            Duration worst = rescues.stream().map(r -> Duration.between(d.at(), r)).max(Duration::compareTo)
                    .orElse(Duration.ZERO);
            out.printf("    %-8s pid %-7d %3d job(s) rescued, slowest after %d ms%n", d.what(), d.pid(),
                    rescues.size(), worst.toMillis());
            if (kill) {
                killed += rescues.size();
            } else {
                paused += rescues.size();
            }
            slowest = worst.compareTo(slowest) > 0 ? worst : slowest;
        }
        out.printf("  %-48s %d after SIGKILL, %d while paused by SIGSTOP%n", "jobs rescued from lost workers", killed,
                paused);
        return slowest;
    }

    private void figure(String name, long value, boolean ok) {
        out.printf("  %-48s %d %s%n", name, value, ok ? "ok" : "BROKEN");
        if (!ok) {
            broken.add(name + ": " + value);
        }
    }

    private String jobs() {
        return "\"" + db.schema() + "\".jobs";
    }

    private long scalar(String sql) {
        return db.jdbi().withHandle(h -> h.createQuery(sql).mapTo(Long.class).one());
    }

    private Map<String, Object> one(String sql) {
        return db.jdbi().withHandle(h -> h.createQuery(sql).mapToMap().one());
    }

    private static long n(Map<String, Object> m, String k) {
        return ((Number) m.get(k)).longValue();
    }
}
