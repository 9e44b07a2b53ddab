package io.jobfleet.engine;

import io.jobfleet.db.QueueSql.Held;
import io.jobfleet.runtime.WorkerRuntime;
import io.jobfleet.support.LogContext;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the progress handlers report to their jobs' rows, coalesced: at most one write per
 * attempt per {@link #INTERVAL}, the latest value winning, on its own thread so a handler never
 * waits for it. Each write is fenced by the attempt's claim token and mirrored onto the app's row
 * in the same transaction; a write that fails is logged and tried again later, never failing the
 * job. {@link #flushFinal} writes an attempt's last value before its outcome is recorded.
 */
final class ProgressWriter extends io.jobfleet.service.LoopService {
    private static final Logger log = LoggerFactory.getLogger(ProgressWriter.class);
    /** The least time between two progress writes of one attempt. */
    static final Duration INTERVAL = Duration.ofSeconds(1);
    private static final Duration IDLE = Duration.ofMinutes(1);

    private final WorkerRuntime rt;
    private final Set<Attempt> dirty = ConcurrentHashMap.newKeySet();

    ProgressWriter(WorkerRuntime rt) {
        super("jobfleet-progress-" + rt.config().queue());
        this.rt = rt;
    }

    @Override
    protected void onStart() {
        LogContext.worker(rt.workerId());
    }

    /** Takes the handler's latest progress; it is written within about {@link #INTERVAL}. */
    void report(Attempt a, Progress p) {
        a.progress().report(p);
        if (dirty.add(a)) {
            wake();
        }
    }

    @Override
    protected Duration runOnce() {
        long now = rt.nanoTime();
        long interval = INTERVAL.toNanos();
        long nextNanos = Long.MAX_VALUE;
        for (Attempt a : dirty) {
            long at = a.progress().writableAtNanos(interval);
            if (at != Long.MIN_VALUE && at - now > 0) {
                nextNanos = Math.min(nextNanos, at - now);
                continue;
            }
            dirty.remove(a);
            if (!write(a)) {
                dirty.add(a);
                nextNanos = Math.min(nextNanos, interval);
            }
        }
        return nextNanos == Long.MAX_VALUE ? IDLE : Duration.ofNanos(nextNanos);
    }

    /**
     * The handler returned: writes its latest progress now (when not written yet and the attempt
     * still holds the job), so that the outcome recorded next shows it.
     */
    void flushFinal(Attempt a, boolean held) {
        dirty.remove(a);
        if (held) {
            write(a);
        }
    }

    /** Writes the attempt's unwritten progress, if any; false when the write failed and should be tried again. */
    private boolean write(Attempt a) {
        AttemptProgress ap = a.progress();
        synchronized (ap.writeLock) {
            Progress p = ap.unwritten();
            if (p == null || !a.isHeld()) {
                return true;
            }
            Held held = a.job().held();
            long now = rt.nanoTime();
            try {
                boolean stored = rt.db().jdbi().inTransaction(h -> {
                    if (!rt.db().progress().write(h, held, rt.workerId(), p.done(), p.total(), p.stage(), p.at())) {
                        return false;
                    }
                    ap.mirror().write(h, p);
                    return true;
                });
                ap.tried(p, now, true);
                rt.metrics().progressWritten(a.job().queue(), stored ? "written" : "fenced_out");
                return true;
            } catch (Exception e) {
                ap.tried(p, now, false);
                log.warn("job {}: progress not stored ({}); will try again", a.job().id(), e.toString());
                return false;
            }
        }
    }
}
