package io.jobfleet.schedule;

import io.jobfleet.config.ConfigException;
import io.jobfleet.db.DatabaseHealth;
import io.jobfleet.db.ScheduleRow;
import io.jobfleet.db.ScheduleSql;
import io.jobfleet.runtime.WorkerRuntime;
import io.jobfleet.service.LoopService;
import io.jobfleet.support.LogContext;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Enqueues the due slots of every schedule. Every worker process runs one, whatever its queue:
 * the job waits in its queue for a worker of its family. Each slot is enqueued by whichever runner
 * gets there first, in the transaction that moves the schedule's next run forward with a
 * compare-and-set ({@link ScheduleSql#enqueueSlots}), so once however many processes run. It
 * sleeps until the earliest next run of any schedule, at most {@link Config#maxSleep()} (so a
 * schedule added or resumed is seen within that), and plans slots on the database's clock.
 */
public final class ScheduleRunner extends LoopService {
    private static final Logger log = LoggerFactory.getLogger(ScheduleRunner.class);
    /** How long to wait before trying again a schedule whose row cannot be read (a bad cron expression). */
    private static final Duration BROKEN_RETRY = Duration.ofSeconds(5);

    private final ScheduleSql sql;
    private final InstantSource clock;
    private final String workerId;
    private final Config config;
    private final Set<String> reportedBroken = ConcurrentHashMap.newKeySet();

    public ScheduleRunner(ScheduleSql sql, InstantSource clock, String workerId, Config config) {
        super("jobfleet-schedules");
        this.sql = sql;
        this.clock = clock;
        this.workerId = workerId;
        this.config = config;
    }

    /** The dedup key of a slot's job: {@code schedule:<name>:<slot in UTC, ISO-8601>}. */
    public static String dedupKey(String schedule, Instant slot) {
        return "schedule:" + schedule + ":" + slot;
    }

    @Override
    protected void onStart() {
        LogContext.worker(workerId);
    }

    @Override
    protected Duration runOnce() {
        Instant now = WorkerRuntime.statementNow(clock);
        List<ScheduleRow> due = sql.due(now, config.batch());
        boolean broken = false;
        for (ScheduleRow s : due) {
            broken |= !enqueueDue(s);
        }
        if (due.size() == config.batch()) {
            return Duration.ZERO;
        }
        ScheduleSql.NextRun next = sql.nextRun(now);
        Duration wait = next.at().map(at -> Duration.between(next.dbNow(), at)).orElse(config.maxSleep());
        wait = wait.isNegative() ? Duration.ZERO : wait.compareTo(config.maxSleep()) > 0 ? config.maxSleep() : wait;
        return broken && wait.compareTo(BROKEN_RETRY) < 0 ? BROKEN_RETRY : wait;
    }

    /** Enqueues the due slots of one schedule by its policy; false when its row cannot be read. */
    boolean enqueueDue(ScheduleRow s) {
        CronSchedule cron;
        CatchUp policy;
        try {
            cron = CronSchedule.parse(s.cron(), s.timeZone());
            policy = CatchUp.of(s.catchUp());
        } catch (ConfigException e) {
            if (reportedBroken.add(s.name())) {
                log.warn("schedule {} is skipped: {}", s.name(), e.getMessage());
            }
            return false;
        }
        reportedBroken.remove(s.name());
        SlotPlan plan = SlotPlan.of(cron, s.nextRun(), s.dbNow(), policy, s.catchUpMax(), config.lateTolerance());
        if (!plan.due()) {
            return true;
        }
        // A five- or six-field expression without a year always fires again; a year ahead is a safe stand-in.
        Instant nextRun = plan.nextRun().orElse(s.dbNow().plus(Duration.ofDays(366)));
        List<String> keys = plan.slots().stream().map(slot -> dedupKey(s.name(), slot)).toList();
        Optional<List<Long>> ids = sql.enqueueSlots(s, plan.slots(), keys, nextRun);
        if (ids.isEmpty()) {
            log.debug("schedule {}: another worker enqueued the slot(s) from {}", s.name(), s.nextRun());
            return true;
        }
        boolean missed = plan.slots().isEmpty() || !plan.slots().get(0).equals(s.nextRun());
        if (missed) {
            log.info("schedule {} ({}): slots from {} were missed; {} enqueued ({}), next run {}", s.name(),
                    policy.word(), s.nextRun(), plan.slots().isEmpty() ? "none" : plan.slots(), ids.get(), nextRun);
        } else if (plan.slots().size() > 1) {
            log.info("schedule {} ({}): caught up {} missed slots from {} as jobs {}, next run {}", s.name(),
                    policy.word(), plan.slots().size(), s.nextRun(), ids.get(), nextRun);
        } else {
            log.debug("schedule {}: slot {} enqueued as job {}, next run {}", s.name(), plan.slots().get(0),
                    ids.get().get(0), nextRun);
        }
        return true;
    }

    @Override
    protected Duration afterFailure(Exception e) {
        if (DatabaseHealth.isConnectionProblem(e)) {
            log.debug("schedules not checked, database unreachable: {}", e.toString());
        } else {
            log.warn("schedules not checked: {}", e.toString());
        }
        return Duration.ofSeconds(1);
    }

    /**
     * How the runner works: a due slot later than {@code lateTolerance} counts as missed (for the
     * {@code skip} policy), {@code maxSleep} bounds the wait between two reads of the table, and
     * {@code batch} schedules are handled per read.
     */
    public record Config(Duration lateTolerance, Duration maxSleep, int batch) {
        public static final Duration LATE_TOLERANCE_DEFAULT = Duration.ofSeconds(60);
        public static final Duration MAX_SLEEP_DEFAULT = Duration.ofSeconds(15);
        public static final int BATCH_DEFAULT = 50;

        public Config {
            if (lateTolerance.isNegative() || maxSleep.isNegative() || maxSleep.isZero() || batch < 1) {
                throw new IllegalArgumentException("schedule runner needs lateTolerance >= 0, maxSleep > 0 and "
                        + "batch >= 1, got " + lateTolerance + ", " + maxSleep + ", " + batch);
            }
        }

        public static Config defaults() {
            return new Config(LATE_TOLERANCE_DEFAULT, MAX_SLEEP_DEFAULT, BATCH_DEFAULT);
        }
    }
}
