package io.jobfleet.engine;

import io.jobfleet.engine.CompletionQueue.Pending;
import io.jobfleet.runtime.WorkerRuntime;
import io.jobfleet.service.Backoff;
import io.jobfleet.service.LoopService;
import io.jobfleet.support.LogContext;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stores the completions waiting in the {@link CompletionQueue} on its own connection, in
 * parallel with the claim loop's rounds: each completion that comes wakes it, and it stores all
 * that wait (up to {@link CompletionQueue#MAX_BATCH}) in one statement and one commit, then
 * looks again. It never waits to fill a batch: under load, batches grow by themselves while the
 * previous one is being stored. Against an unreachable database the completions wait and it
 * retries sooner and sooner apart (100 ms, doubling to 5 s); what is left when it stops is stored
 * by {@link CompletionQueue#flushRemaining}.
 */
final class CompletionWriter extends LoopService {
    private static final Logger log = LoggerFactory.getLogger(CompletionWriter.class);
    private static final Duration IDLE = Duration.ofMinutes(1);

    private final WorkerRuntime rt;
    private final CompletionQueue completions;
    private final Backoff retry = Backoff.doubling(CompletionQueue.RETRY_MIN, CompletionQueue.RETRY_MAX);

    CompletionWriter(WorkerRuntime rt, CompletionQueue completions) {
        super("jobfleet-store-" + rt.config().queue());
        this.rt = rt;
        this.completions = completions;
        completions.onWaiting(this::wake);
    }

    @Override
    protected void onStart() {
        LogContext.worker(rt.workerId());
    }

    @Override
    protected Duration runOnce() {
        List<Pending> batch = completions.take();
        if (batch.isEmpty()) {
            return IDLE; // the next completion to wait wakes us
        }
        Set<Long> completed;
        try {
            completed = completions.store(batch);
        } catch (RuntimeException e) {
            completions.notStored(batch, e);
            throw e;
        }
        rt.health().reportSuccess();
        retry.reset();
        completions.landed(batch, completed);
        return Duration.ZERO;
    }

    @Override
    protected Duration afterFailure(Exception e) {
        rt.health().roundFailed(log, "storing completions", e);
        return retry.next();
    }
}
