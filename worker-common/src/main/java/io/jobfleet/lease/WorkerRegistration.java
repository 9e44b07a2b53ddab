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
 * Workers page): upserted at start and once per heartbeat period with the number of jobs held,
 * deleted at a graceful stop. One single-row upsert by primary key per period is all it costs,
 * busy or idle (with the default 30 s lease: one statement every 10 s). A process that dies
 * leaves its row behind, not refreshed: readers show it as gone and prune it.
 */
public final class WorkerRegistration extends LoopService {
    private static final Logger log = LoggerFactory.getLogger(WorkerRegistration.class);

    private final WorkerRuntime rt;
    private final HeldAttempts attempts;
    private final WorkerRegistrySql.Registration registration;

    public WorkerRegistration(WorkerRuntime rt, HeldAttempts attempts, Collection<String> kinds) {
        super("jobfleet-registry");
        this.rt = rt;
        this.attempts = attempts;
        this.registration = new WorkerRegistrySql.Registration(rt.workerId(), host(), ProcessHandle.current().pid(),
                version(), rt.config().queue(), List.copyOf(kinds), rt.config().concurrency(),
                rt.config().heartbeatInterval());
    }

    @Override
    protected void onStart() {
        LogContext.worker(rt.workerId());
    }

    @Override
    protected Duration runOnce() {
        rt.db().admin().workers().upsert(registration, attempts.held().size());
        return rt.config().heartbeatInterval();
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
