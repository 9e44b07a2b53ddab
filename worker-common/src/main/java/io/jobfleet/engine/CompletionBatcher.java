package io.jobfleet.engine;

import io.jobfleet.db.DatabaseHealth;
import io.jobfleet.db.QueueSql.Held;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Completes attempts whose handlers wrote nothing but a result, many per statement. It never
 * waits to fill a batch: whatever queued up while the previous statement ran goes in the next
 * one (group commit), so a lone completion is as fast as before and a busy worker saves a round
 * trip and a commit per job. Against an unreachable database it retries, never drops.
 */
final class CompletionBatcher {
    private static final Logger log = LoggerFactory.getLogger(CompletionBatcher.class);
    private static final int MAX_BATCH = 500;
    private static final Duration RETRY_MAX = Duration.ofSeconds(5);

    private record Item(Held held, String resultJson, CompletableFuture<Boolean> done) {
    }

    private final WorkerRuntime rt;
    private final BlockingQueue<Item> queue = new LinkedBlockingQueue<>();
    private final Thread thread;
    private volatile boolean stopping;
    private volatile boolean abandon;

    CompletionBatcher(WorkerRuntime rt) {
        this.rt = rt;
        this.thread = new Thread(this::loop, "jobfleet-complete-" + rt.config().queue());
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    /** Queues a fenced completion; the future says whether this worker still held the attempt. */
    CompletableFuture<Boolean> submit(Attempt a, String resultJson) {
        CompletableFuture<Boolean> f = new CompletableFuture<>();
        queue.add(new Item(new Held(a.job().id(), a.job().attempt()), resultJson, f));
        return f;
    }

    /** Stops retrying against an unreachable database; queued items fail. */
    void abandonRetries() {
        abandon = true;
    }

    void stop(Duration timeout) {
        stopping = true;
        thread.interrupt();
        try {
            thread.join(Math.max(1, timeout.toMillis()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        List<Item> left = new ArrayList<>();
        queue.drainTo(left);
        left.forEach(i -> i.done().completeExceptionally(new IllegalStateException("worker stopped")));
    }

    private void loop() {
        List<Item> batch = new ArrayList<>();
        while (!stopping || !queue.isEmpty()) {
            try {
                Item first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, MAX_BATCH - 1);
                flush(batch);
            } catch (InterruptedException e) {
                if (!stopping) {
                    continue;
                }
                // stopping: finish what is queued before leaving
                queue.drainTo(batch, MAX_BATCH);
                if (!batch.isEmpty()) {
                    flush(batch);
                }
            } finally {
                batch.clear();
            }
        }
    }

    private void flush(List<Item> batch) {
        List<Held> held = batch.stream().map(Item::held).toList();
        List<String> results = batch.stream().map(Item::resultJson).toList();
        Duration wait = Duration.ofMillis(100);
        while (true) {
            try {
                Set<Long> completed = rt.db().queue().completeBatch(rt.workerId(), held, results);
                rt.health().reportSuccess();
                for (Item i : batch) {
                    i.done().complete(completed.contains(i.held().id()));
                }
                return;
            } catch (RuntimeException e) {
                if (!DatabaseHealth.isConnectionProblem(e) || abandon) {
                    batch.forEach(i -> i.done().completeExceptionally(e));
                    return;
                }
                rt.health().reportFailure(e);
                try {
                    Thread.sleep(wait.toMillis());
                } catch (InterruptedException ie) {
                    // keep the completions: retry until they land or we are told to abandon
                    log.debug("interrupted while waiting for the database; retrying");
                }
                wait = wait.multipliedBy(2).compareTo(RETRY_MAX) > 0 ? RETRY_MAX : wait.multipliedBy(2);
            }
        }
    }
}
