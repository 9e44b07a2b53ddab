package io.jobfleet.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jobfleet.runtime.WorkerRuntime;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/** The {@link JobContext} of one attempt. */
final class AttemptContext implements JobContext {
    private final Attempt attempt;
    private final WorkerRuntime rt;
    private final Instant deadline;
    private final ProgressWriter progress;

    AttemptContext(Attempt attempt, WorkerRuntime rt, ProgressWriter progress) {
        this.attempt = attempt;
        this.rt = rt;
        this.progress = progress;
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

    @Override
    public void progress(long done, long total, String stage) {
        if (attempt.isHeld()) {
            progress.report(attempt, new Progress(done, total, stage, rt.clock().instant()));
        }
    }

    @Override
    public void mirrorProgress(ProgressMirror mirror) {
        attempt.progress().mirror(mirror);
    }

    @Override
    public void checkpoint(String name, JsonNode value) throws JobLostException, PermanentJobException {
        checkHeld();
        if (name == null || name.isEmpty() || name.length() > 200) {
            throw new IllegalArgumentException("a checkpoint name has 1-200 characters");
        }
        String json = Payloads.write(value);
        int bytes = json.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > CHECKPOINT_MAX_BYTES) {
            throw new PermanentJobException("checkpoint_too_large", "checkpoint '" + name + "' is " + bytes
                    + " bytes; a checkpoint holds at most " + CHECKPOINT_MAX_BYTES + " bytes");
        }
        if (!rt.db().progress().save(attempt.job().held(), rt.workerId(), name, json)) {
            throw new JobLostException("job " + jobId() + " is no longer held by this worker; checkpoint '" + name
                    + "' discarded");
        }
        rt.metrics().checkpointSaved(queue(), kind());
    }

    @Override
    public Optional<JsonNode> saved(String name) {
        return rt.db().progress().read(jobId(), name).map(Payloads::tree);
    }
}
