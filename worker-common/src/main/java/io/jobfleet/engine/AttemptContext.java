package io.jobfleet.engine;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.jobfleet.runtime.WorkerRuntime;
import java.time.Instant;
import org.jdbi.v3.core.Jdbi;

/** The {@link JobContext} of one attempt. */
final class AttemptContext implements JobContext {
    private final Attempt attempt;
    private final WorkerRuntime rt;
    private final Instant deadline;

    AttemptContext(Attempt attempt, WorkerRuntime rt) {
        this.attempt = attempt;
        this.rt = rt;
        this.deadline = rt.clock().instant().plusSeconds(attempt.job().timeoutSeconds());
    }

    @Override
    public long jobId() {
        return attempt.job().id();
    }

    @Override
    public String queue() {
        return attempt.job().queue();
    }

    @Override
    public String kind() {
        return attempt.job().kind();
    }

    @Override
    public int attempt() {
        return attempt.job().attempt();
    }

    @Override
    public int maxAttempts() {
        return attempt.job().maxAttempts();
    }

    @Override
    public Instant deadline() {
        return deadline;
    }

    @Override
    public String workerId() {
        return rt.workerId();
    }

    @Override
    public Jdbi jdbi() {
        return rt.db().jdbi();
    }

    @Override
    public ObjectMapper json() {
        return Payloads.mapper();
    }

    @Override
    public boolean isHeld() {
        return attempt.isHeld();
    }

    @Override
    public void checkHeld() throws JobLostException {
        if (!attempt.isHeld()) {
            throw new JobLostException("job " + jobId() + " is no longer held by this worker ("
                    + attempt.stopReason().name().toLowerCase(java.util.Locale.ROOT) + ")");
        }
    }

    @Override
    public void fenced(FencedWrites writes) throws Exception {
        checkHeld();
        boolean held = rt.db().jdbi().inTransaction(h -> {
            if (!rt.db().queue().lockIfHeld(h, attempt.job().held(), rt.workerId())) {
                return false;
            }
            writes.write(h);
            return true;
        });
        if (!held) {
            throw new JobLostException("job " + jobId() + " is no longer held by this worker; writes discarded");
        }
    }

    @Override
    public void onInterrupt(Runnable action) {
        attempt.onInterrupt(action);
    }
}
