package io.jobfleet.engine;

import io.jobfleet.db.DatabaseHealth;
import io.jobfleet.engine.CompletionBatcher.Pending;
import io.jobfleet.service.LoopService;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stores the completions waiting in the {@link CompletionBatcher} on its own connection, in
 * parallel with the claim loop's rounds: the first completion to wait wakes it, and it stores all
 * that wait (up to {@link CompletionBatcher#MAX_BATCH}) in one statement and one commit, then
 * looks again. It never waits to fill a batch: under load, batches grow by themselves while the
 * previous one is being stored. Against an unreachable database the completions wait and it
 * retries sooner and sooner apart (100 ms, doubling to 5 s); what is left when it stops is stored
 * by {@link CompletionBatcher#flushRemaining}.
 */
final class CompletionStore extends LoopService {
    private static final Logger log = LoggerFactory.getLogger(CompletionStore.class);
    private static final Duration IDLE = Duration.ofMinutes(1);
    private static final Duration RETRY_MIN = Duration.ofMillis(100);
    private static final Duration RETRY_MAX = Duration.ofSeconds(5);

    private final WorkerRuntime rt;
    private final CompletionBatcher completions;
    private Duration retry = RETRY_MIN;

    CompletionStore(WorkerRuntime rt, CompletionBatcher completions) {
        super("jobfleet-store-" + rt.config().queue());
        this.rt = rt;
        this.completions = completions;
        completions.onFirstWaiting(this::wake);
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
        retry = RETRY_MIN;
        completions.landed(batch, completed);
        return Duration.ZERO;
    }

    @Override
    protected Duration afterFailure(Exception e) {
        if (DatabaseHealth.isConnectionProblem(e)) {
            rt.health().reportFailure(e);
        } else {
            log.warn("storing completions failed: {}", e.toString());
        }
        Duration wait = retry;
        retry = retry.multipliedBy(2).compareTo(RETRY_MAX) > 0 ? RETRY_MAX : retry.multipliedBy(2);
        return wait;
    }
}
