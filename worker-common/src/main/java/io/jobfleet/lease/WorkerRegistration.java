package io.jobfleet.lease;

import io.jobfleet.db.WorkerRegistrySql;
import io.jobfleet.runtime.WorkerRuntime;
import io.jobfleet.service.LoopService;
import io.jobfleet.support.LogContext;
import java.net.InetAddress;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This process's row in the worker registry ({@code jobfleet.workers}, read by the console's
 * Workers page): upserted at start, then within a heartbeat period of a change in the number of
 * jobs held, and at least every {@link #REFRESH} (30 s, or the heartbeat period if longer),
 * deleted at a graceful stop. An idle worker thus costs the database two single-row upserts a
 * minute for it (a refresh every heartbeat period made an idle worker's 2 statements a minute 14).
 * The row carries its refresh period; a process that dies leaves its row behind, not refreshed
 * for {@link WorkerRegistrySql#STALE_BEATS} periods: readers show it as gone and prune it.
 */
public final class WorkerRegistration extends LoopService {
    private static final Logger log = LoggerFactory.getLogger(WorkerRegistration.class);

    private final WorkerRuntime rt;
    private final HeldAttempts attempts;
    /** The longest a live worker's row goes without a refresh. */
    static final Duration REFRESH = Duration.ofSeconds(30);

    private final WorkerRegistrySql.Registration registration;
    private int writtenHeld = -1;
    private long writtenAt;

    public WorkerRegistration(WorkerRuntime rt, HeldAttempts attempts, Collection<String> kinds) {
        super("jobfleet-registry");
        this.rt = rt;
        this.attempts = attempts;
        this.registration = new WorkerRegistrySql.Registration(rt.workerId(), host(), ProcessHandle.current().pid(),
                version(), rt.config().queue(), List.copyOf(kinds), rt.config().concurrency(),
                refreshPeriod(rt.config().heartbeatInterval()));
    }

    @Override
    protected void onStart() {
        LogContext.worker(rt.workerId());
    }

    @Override
    protected Duration runOnce() {
        int held = attempts.held().size();
        long now = System.nanoTime();
        if (held != writtenHeld || now - writtenAt >= registration.heartbeat().toNanos()) {
            rt.db().admin().workers().upsert(registration, held);
            writtenHeld = held;
            writtenAt = now;
        }
        return rt.config().heartbeatInterval();
    }

    /** How often the row is refreshed at least: {@link #REFRESH}, or the heartbeat period if longer. */
    static Duration refreshPeriod(Duration heartbeat) {
        return heartbeat.compareTo(REFRESH) > 0 ? heartbeat : REFRESH;
    }

    @Override
    protected Duration afterFailure(Exception e) {
        log.debug("refreshing the worker registry failed (the heartbeat reports database trouble): {}", e.toString());
        return rt.config().heartbeatInterval();
    }

    @Override
    protected void onStopped() {
        try {
            rt.db().admin().workers().remove(rt.workerId());
        } catch (RuntimeException e) {
            log.debug("removing this worker from the registry failed; readers will see it as gone: {}", e.toString());
        }
    }

    private static String host() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            return "unknown-host";
        }
    }

    private static String version() {
        String v = WorkerRegistration.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }
}
