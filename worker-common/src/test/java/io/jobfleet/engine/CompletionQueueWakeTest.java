package io.jobfleet.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.jobfleet.db.ClaimedJob;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every completion wakes the writer, also one queued while another was waiting. The writer may
 * have taken that other one between the moment the new one saw it and the moment it was queued,
 * and found nothing more: it then sleeps a minute (its idle wait), and every later completion also
 * finds one waiting. Before, only a completion that found the queue empty woke the writer; under
 * load that left completions unstored for up to a minute while the handlers went on taking jobs,
 * until the worker held thousands of attempts, its heartbeat could not renew them in time, and the
 * rescue ran them again (a 10,000,000-row table-size drain of the bench: 23,871 handler runs for
 * 20,000 jobs).
 */
class CompletionQueueWakeTest {
    private final CompletionQueue queue = new CompletionQueue(null);
    private final AtomicInteger wakes = new AtomicInteger();

    @BeforeEach
    void countWakes() {
        queue.onWaiting(wakes::incrementAndGet);
    }

    @Test
    void aCompletionQueuedWhileAnotherWaitsStillWakesTheWriter() {
        queue.submit(new Attempt(job(1)), "{}");
        queue.submit(new Attempt(job(2)), "{}");

        assertThat(wakes).as("wake-ups of the writer").hasValue(2);
        assertThat(queue.take()).hasSize(2);
    }

    @Test
    void aCompletionQueuedAfterTheWriterEmptiedTheQueueWakesIt() {
        queue.submit(new Attempt(job(1)), "{}");
        assertThat(queue.take()).hasSize(1);
        assertThat(queue.take()).isEmpty(); // the writer would now sleep
        queue.submit(new Attempt(job(2)), "{}");

        assertThat(wakes).hasValue(2);
        assertThat(queue.take()).hasSize(1);
    }

    private static ClaimedJob job(long id) {
        Instant t = Instant.EPOCH;
        return new ClaimedJob(id, "q", "k", "{}", 0, 1, 3, 300, t, t, id, null);
    }
}
