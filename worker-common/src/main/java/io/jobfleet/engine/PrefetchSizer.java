package io.jobfleet.engine;

import io.jobfleet.config.EngineConfig;
import java.time.Duration;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicLong;

/**
 * How many claimed jobs a worker may hold beyond its handler threads. A fixed {@code --prefetch}
 * is returned as set. With {@code --prefetch auto} it follows the jobs' run time: as many jobs as
 * the threads finish in {@link #HOLD} at the mean run time of the recent jobs (an exponentially
 * weighted mean, about the last 16), at most {@link EngineConfig#PREFETCH_AUTO_PER_THREAD} per
 * thread. Jobs of a few milliseconds then come in large claim rounds, and a held job waits about
 * {@code HOLD} for its thread; jobs that run longer than {@code HOLD} (an LLM call) get none, so a
 * job never waits in one process while another has a free thread. Before the first job ran it
 * is 0. Thread-safe: handler threads record, the claim loop reads.
 */
final class PrefetchSizer {
    /** About how long a held job may wait for a thread under {@code --prefetch auto}. */
    static final Duration HOLD = Duration.ofMillis(50);
    private static final int WEIGHT_SHIFT = 4; // each run weighs 1/16 in the mean

    private final int concurrency;
    private final OptionalInt fixed;
    private final int max;
    private final AtomicLong meanNanos = new AtomicLong(-1);

    PrefetchSizer(int concurrency, OptionalInt fixed) {
        this.concurrency = concurrency;
        this.fixed = fixed;
        this.max = EngineConfig.PREFETCH_AUTO_PER_THREAD * concurrency;
    }

    static PrefetchSizer of(EngineConfig config) {
        return new PrefetchSizer(config.concurrency(), config.prefetch());
    }

    /** A handler ran for {@code nanos} (from its start until it returned). */
    void ran(long nanos) {
        if (fixed.isPresent()) {
            return;
        }
        long sample = Math.max(0, nanos);
        meanNanos.getAndUpdate(m -> m < 0 ? sample : m + ((sample - m) >> WEIGHT_SHIFT));
    }

    /** The claimed jobs that may wait for a thread now. */
    int prefetch() {
        if (fixed.isPresent()) {
            return fixed.getAsInt();
        }
        long mean = meanNanos.get();
        if (mean < 0) {
            return 0;
        }
        long held = concurrency * HOLD.toNanos() / Math.max(1, mean);
        return (int) Math.min(max, held);
    }
}
