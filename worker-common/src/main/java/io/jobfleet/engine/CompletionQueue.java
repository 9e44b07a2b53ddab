package io.jobfleet.engine;

import io.jobfleet.db.DatabaseHealth;
import io.jobfleet.db.QueueSql.Held;
import io.jobfleet.runtime.WorkerRuntime;
import io.jobfleet.service.Backoff;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.BlockingDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingDeque;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Completions of attempts whose handlers wrote nothing but a result, waiting to be stored. The
 * {@link CompletionWriter} takes whatever is waiting and stores it in one statement and one commit;
 * the first completion to wait wakes it. What is still waiting when it has stopped is stored by
 * {@link #flushRemaining}. Against an unreachable database the completions wait for the next try,
 * never dropped, until retries are abandoned at shutdown.
 */
final class CompletionQueue {
    private static final Logger log = LoggerFactory.getLogger(CompletionQueue.class);
    static final int MAX_BATCH = 500;
    static final Duration RETRY_MIN = Duration.ofMillis(100);
    static final Duration RETRY_MAX = Duration.ofSeconds(5);

    /** One completion waiting to be stored; {@code done} says whether this worker still held the attempt. */
    record Pending(Held held, String resultJson, CompletableFuture<Boolean> done) {
    }

    private final WorkerRuntime rt;
    private final BlockingDeque<Pending> waiting = new LinkedBlockingDeque<>();
    private volatile boolean abandon;
    private volatile Runnable onWaiting = () -> { };

    CompletionQueue(WorkerRuntime rt) {
        this.rt = rt;
    }

    /**
     * Runs {@code wake} after each completion is queued (the writer's wake-up; a wake while one is
     * already pending costs a volatile read).
     */
    void onWaiting(Runnable wake) {
        this.onWaiting = wake;
    }

    /**
     * Queues a fenced completion for the writer, then wakes it. Every completion wakes it, not only
     * one that finds the queue empty: a completion that saw another waiting could be queued just
     * after the writer took that one and found nothing more, and the writer then slept a minute
     * while every later completion also saw one waiting (CompletionQueueWakeTest).
     */
    CompletableFuture<Boolean> submit(Attempt a, String resultJson) {
        CompletableFuture<Boolean> f = new CompletableFuture<>();
        waiting.add(new Pending(a.job().held(), resultJson, f));
        onWaiting.run();
        return f;
    }

    /** Up to {@link #MAX_BATCH} waiting completions, oldest first, for the caller to store. */
    List<Pending> take() {
        List<Pending> batch = new ArrayList<>();
        waiting.drainTo(batch, MAX_BATCH);
        return batch;
    }

    /**
     * Stores {@code batch} in one statement; returns the ids of the attempts it completed (still
     * held). When the database refuses the data of the batch ({@link OutcomeRecorder#refused}), one
     * bad result must not fail the others: they are stored one by one, and each refused one fails
     * its completion with the refusal (the runner then fails its job permanently).
     */
    Set<Long> store(List<Pending> batch) {
        try {
            return rt.db().queue().completeBatch(rt.workerId(), batch.stream().map(Pending::held).toList(),
                    batch.stream().map(Pending::resultJson).toList());
        } catch (RuntimeException e) {
            Optional<PermanentJobException> refused = OutcomeRecorder.refused(e);
            if (refused.isEmpty()) {
                throw e;
            }
            if (batch.size() == 1) {
                batch.get(0).done().completeExceptionally(refused.get());
                return Set.of();
            }
            log.info("the database refused a batch of {} completions ({}); storing them one by one",
                    batch.size(), refused.get().getMessage());
            Set<Long> completed = new HashSet<>();
            for (Pending p : batch) {
                completed.addAll(store(List.of(p)));
            }
            return completed;
        }
    }

    boolean hasWaiting() {
        return !waiting.isEmpty();
    }

    /** The statement storing {@code batch} committed; {@code completed} are the attempts it completed. */
    void landed(List<Pending> batch, Set<Long> completed) {
        for (Pending p : batch) {
            p.done().complete(completed.contains(p.held().id()));
        }
    }

    /**
     * The statement storing {@code batch} failed. Against an unreachable database the completions
     * wait for the next round (unless retries were abandoned); any other error fails them, and
     * their leases will expire.
     */
    void notStored(List<Pending> batch, Exception e) {
        if (batch.isEmpty()) {
            return;
        }
        if (DatabaseHealth.isConnectionProblem(e) && !abandon) {
            for (int i = batch.size() - 1; i >= 0; i--) {
                waiting.addFirst(batch.get(i));
            }
            return;
        }
        batch.forEach(p -> p.done().completeExceptionally(e));
    }

    /** Stops retrying against an unreachable database: completions that cannot be stored fail. */
    void abandonRetries() {
        abandon = true;
    }

    /**
     * Stores what is still waiting once the writer has stopped, retrying against an
     * unreachable database until it lands, retries are abandoned or {@code timeout} passes; what
     * is left then fails.
     */
    void flushRemaining(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Backoff wait = Backoff.doubling(RETRY_MIN, RETRY_MAX);
        while (hasWaiting()) {
            List<Pending> batch = take();
            try {
                Set<Long> completed = store(batch);
                rt.health().reportSuccess();
                landed(batch, completed);
            } catch (RuntimeException e) {
                notStored(batch, e);
                if (System.nanoTime() - deadline >= 0) {
                    abandon = true;
                    failAll(e);
                    return;
                }
                if (DatabaseHealth.isConnectionProblem(e)) {
                    rt.health().reportFailure(e);
                }
                log.debug("completions not stored yet ({}); retrying", e.toString());
                try {
                    Thread.sleep(wait.next().toMillis());
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    failAll(ie);
                    return;
                }
            }
        }
    }

    private void failAll(Exception cause) {
        List<Pending> left = new ArrayList<>();
        waiting.drainTo(left);
        left.forEach(p -> p.done().completeExceptionally(cause));
    }
}
