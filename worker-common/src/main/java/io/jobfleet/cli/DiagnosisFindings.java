package io.jobfleet.cli;

import io.jobfleet.config.EngineConfig;
import io.jobfleet.db.DiagnoseSql.DuplicateGroup;
import io.jobfleet.db.DiagnoseSql.FailureGroup;
import io.jobfleet.db.DiagnoseSql.IdleQueue;
import io.jobfleet.db.FlowControlSql.Pause;
import io.jobfleet.db.Migrations.SchemaState;
import io.jobfleet.db.QueueStats;
import io.jobfleet.db.ScheduleRow;
import io.jobfleet.db.StuckJob;
import io.jobfleet.mapping.Identifier;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Turns a {@link Diagnosis} into plain findings, each saying what to do. A suggested command's
 * arguments taken from the database (queue, kind, schedule names) are quoted for a POSIX shell.
 */
final class DiagnosisFindings {
    /** With the default lease and rescue interval, a live worker rescues an orphan within this. */
    static final long RESCUE_SECONDS = EngineConfig.LEASE_DEFAULT.plus(EngineConfig.RESCUE_INTERVAL_DEFAULT).toSeconds();
    private static final int MAX_FAILURE_FINDINGS = 5;
    private static final int FAILURE_RATE_MIN_JOBS = 5;
    /** A schedule's slot not enqueued this long after it fell due means no worker runs its runner. */
    static final Duration SCHEDULE_OVERDUE = Duration.ofMinutes(2);

    /**
     * Pages one claim's walk of jobs_claim_idx may read before it is worth a notice: a clean index
     * gives a few; 50 is some 10,000 dead entries of claimed jobs, a few hundredths of a millisecond
     * on every claim, and it grows until a vacuum cleans the index.
     */
    static final long CLAIM_SCAN_PAGES_NOTICE = 50;

    private final Diagnosis d;
    private final Function<String, String> workerOfQueue;
    private final List<Finding> findings = new ArrayList<>();

    private DiagnosisFindings(Diagnosis d, Function<String, String> workerOfQueue) {
        this.d = d;
        this.workerOfQueue = workerOfQueue;
    }

    /** {@code workerOfQueue} names the program that serves a queue, e.g. worker-documents. */
    static List<Finding> of(Diagnosis d, Function<String, String> workerOfQueue) {
        DiagnosisFindings f = new DiagnosisFindings(d, workerOfQueue);
        f.schema();
        f.expiredLeases();
        f.pastTimeout();
        Set<String> paused = f.pauses();
        Set<String> idle = f.idleQueues(paused);
        idle.addAll(paused);
        f.lag(idle);
        f.failureRates();
        f.failures();
        f.duplicates();
        f.schedules();
        f.claimScans();
        return List.copyOf(f.findings);
    }

    private void schema() {
        SchemaState s = d.schema();
        if (s.failed()) {
            findings.add(Finding.problem("schema_failed", "schema " + s.schema() + " has a failed migration: see its "
                    + "flyway_schema_history, fix the cause, then run `jobfleet migrate`"));
        } else if (s.current() == null) {
            findings.add(Finding.problem("schema_missing", "schema " + s.schema() + " has no jobfleet tables: "
                    + "run `jobfleet migrate`"));
        } else if (!s.upToDate()) {
            findings.add(Finding.problem("schema_outdated", "schema " + s.schema() + " is at version " + s.current()
                    + " but this build needs " + s.latest() + ": run `jobfleet migrate`"));
        }
    }

    private void expiredLeases() {
        long n = d.expiredLeases().total();
        if (n == 0) {
            return;
        }
        StuckJob oldest = d.expiredLeases().rows().get(0);
        String who = " (" + workers(d.expiredLeases().rows()) + ")";
        String what = HumanFormat.count(n, "job") + (n == 1 ? " is" : " are") + " running past " + (n == 1 ? "its" : "their")
                + " lease" + who;
        if (oldest.overdueSeconds() <= RESCUE_SECONDS + 10) {
            findings.add(Finding.problem("expired_leases", what + ": " + (n == 1 ? "its" : "their") + " worker is gone; a live "
                    + "worker rescues them within " + RESCUE_SECONDS + " s, or run `jobfleet unlock --execute`"));
        } else {
            findings.add(Finding.problem("expired_leases", what + ", the oldest for "
                    + HumanFormat.seconds(oldest.overdueSeconds()) + ": no live worker rescued them, so no worker "
                    + "runs against this database (any family rescues every queue); start one, or run "
                    + "`jobfleet unlock --execute`"));
        }
    }

    private void pastTimeout() {
        long n = d.pastTimeout().total();
        if (n == 0) {
            return;
        }
        StuckJob oldest = d.pastTimeout().rows().get(0);
        findings.add(Finding.problem("past_timeout", HumanFormat.count(n, "job") + (n == 1 ? " runs" : " run")
                + " past " + (n == 1 ? "its" : "their") + " timeout, the oldest (job " + oldest.id() + ") by "
                + HumanFormat.seconds(oldest.overdueSeconds()) + " (" + workers(d.pastTimeout().rows()) + "): a live "
                + "worker's watchdog stops an attempt at its timeout, so that worker is stuck or gone; take a thread "
                + "dump and restart it, then its jobs are rescued once their lease expires (or `jobfleet unlock "
                + "--execute` after that)"));
    }

    /**
     * Pauses (notices): what each holds back, and those that ended but are still stored. Returns the
     * queues paused as a whole, whose waiting jobs are then no problem of lag or missing workers.
     */
    private Set<String> pauses() {
        Set<String> pausedQueues = new TreeSet<>();
        for (Pause p : d.pauses()) {
            String target = FlowView.target(p.queue(), p.kind());
            if (p.expired()) {
                findings.add(Finding.notice("pause_ended", target + ": its pause ended at " + HumanFormat.time(p.until())
                        + " and holds nothing back; `" + resume(p) + "` removes it"));
                continue;
            }
            if (p.kind() == null) {
                pausedQueues.add(p.queue());
            }
            findings.add(Finding.notice("paused", target + " is paused " + FlowView.until(p.until()) + " by "
                    + p.pausedBy() + " (" + p.reason() + "): " + HumanFormat.count(p.pending(), "due job")
                    + " wait; `" + resume(p) + "` lets them run"));
        }
        return pausedQueues;
    }

    private Set<String> idleQueues(Set<String> paused) {
        Set<String> idle = new TreeSet<>();
        for (IdleQueue q : d.idleQueues()) {
            if (paused.contains(q.queue())) {
                continue;
            }
            idle.add(q.queue());
            findings.add(Finding.problem("no_worker", "queue " + q.queue() + " has " + HumanFormat.count(q.due(), "due job")
                    + " (the oldest waiting " + HumanFormat.seconds(q.lagSeconds()) + ") and no worker seen in "
                    + HumanFormat.duration(d.options().window()) + ": start " + workerOfQueue.apply(q.queue())
                    + " (or, if it runs, check whether it paused claiming: metric jobfleet_claiming_paused)"));
        }
        return idle;
    }

    private void lag(Set<String> idle) {
        double max = d.options().maxLag().toMillis() / 1000.0;
        for (QueueStats q : d.stats()) {
            if (q.lagSeconds() != null && q.lagSeconds() > max && !idle.contains(q.queue())) {
                findings.add(Finding.problem("lag", "queue " + q.queue() + ": the oldest due job has waited "
                        + HumanFormat.seconds(q.lagSeconds()) + " (more than --max-lag "
                        + HumanFormat.duration(d.options().maxLag()) + ") with " + q.running() + " running: its "
                        + "workers are too few or too slow; start more " + workerOfQueue.apply(q.queue())
                        + " processes or raise --concurrency"));
            }
        }
    }

    private void failureRates() {
        for (QueueStats q : d.stats()) {
            Double rate = q.failureRate();
            if (rate != null && rate > 0.5 && q.completedInWindow() + q.failedInWindow() >= FAILURE_RATE_MIN_JOBS) {
                findings.add(Finding.notice("failure_rate", "queue " + q.queue() + ": " + HumanFormat.percent(rate)
                        + " of the jobs finished in the last " + HumanFormat.duration(d.options().window())
                        + " failed; see the failures list"));
            }
        }
    }

    private void failures() {
        List<FailureGroup> groups = d.failures();
        for (FailureGroup g : groups.subList(0, Math.min(groups.size(), MAX_FAILURE_FINDINGS))) {
            findings.add(Finding.notice("failures", "queue " + g.queue() + ": " + HumanFormat.count(g.jobs(), "job")
                    + " with error class " + g.errorClass() + " in the last "
                    + HumanFormat.duration(d.options().failuresWindow()) + " (" + g.failed() + " failed, "
                    + g.retrying() + " waiting for a retry), e.g. job " + g.exampleId() + ": " + abbreviate(g.example())
                    + (g.failed() > 0 ? "; fix the cause, then `jobfleet retry --failed --queue " + ShellArg.quote(g.queue()) + "`"
                    : "")));
        }
        if (groups.size() > MAX_FAILURE_FINDINGS) {
            findings.add(Finding.notice("failures", (groups.size() - MAX_FAILURE_FINDINGS)
                    + " more kinds of failure are in the failures list"));
        }
    }

    private void duplicates() {
        for (DuplicateGroup g : d.duplicates()) {
            findings.add(Finding.notice("duplicates", "queue " + g.queue() + ": kind " + g.kind() + " has " + g.jobs()
                    + " pending jobs with the same payload (ids " + g.ids().stream().map(String::valueOf)
                    .collect(Collectors.joining(", ")) + "): the app may enqueue twice; give such jobs a dedup_key"));
        }
    }

    private void schedules() {
        for (ScheduleRow s : d.schedules()) {
            if (s.paused()) {
                continue;
            }
            Duration overdue = Duration.between(s.nextRun(), s.dbNow());
            if (overdue.compareTo(SCHEDULE_OVERDUE) > 0) {
                findings.add(Finding.problem("schedule_overdue", "schedule " + s.name() + ": its slot of "
                        + HumanFormat.time(s.nextRun()) + " is " + HumanFormat.duration(overdue.withNanos(0))
                        + " overdue and not enqueued, so no worker process runs against this database (a worker "
                        + "of any family enqueues every schedule): start one"));
            }
            if ("failed".equals(s.lastJobStatus())) {
                findings.add(Finding.notice("schedule_failed", "schedule " + s.name() + ": the job of its last slot ("
                        + HumanFormat.time(s.lastSlot()) + ", job " + s.lastJobId() + ") failed: "
                        + abbreviate(s.lastJobError()) + "; fix the cause, then `jobfleet retry " + s.lastJobId()
                        + "` or `jobfleet schedule run-now " + ShellArg.quote(s.name()) + "`"));
            }
        }
    }

    private void claimScans() {
        d.claimScanPages().forEach((queue, pages) -> {
            if (pages > CLAIM_SCAN_PAGES_NOTICE) {
                findings.add(Finding.notice("claim_index_dead_entries", "queue " + queue + ": finding its next job reads "
                        + pages + " pages where a clean index needs a few: jobs_claim_idx still holds the entries of "
                        + "jobs claimed since a vacuum last cleaned it, and every claim steps over them until "
                        + "autovacuum cleans it (it comes once 1,000 dead row versions plus 0.2% of the table's rows "
                        + "have piled up, or later if it lags); prune finished jobs (`jobfleet prune`), or as the "
                        + "table's owner run "
                        + "`VACUUM (INDEX_CLEANUP ON) " + new Identifier(d.schema().schema()) + ".jobs` (docs/capacity.md)"));
            }
        });
    }

    /** The command that lifts this pause, its names quoted for a shell ({@link ShellArg}). */
    static String resume(Pause p) {
        return "jobfleet resume " + ShellArg.quote(p.queue()) + (p.kind() == null ? "" : " --kind "
                + ShellArg.quote(p.kind()));
    }

    private static String workers(List<StuckJob> jobs) {
        Set<String> ids = new TreeSet<>();
        jobs.forEach(j -> ids.add(j.lockedBy() == null ? "no worker recorded" : j.lockedBy()));
        return (ids.size() == 1 ? "worker " : "workers ") + String.join(", ", ids);
    }

    private static String abbreviate(String s) {
        if (s == null) {
            return "(no message)";
        }
        String line = s.lines().findFirst().orElse("");
        return line.length() > 160 ? line.substring(0, 157) + "..." : line;
    }
}
