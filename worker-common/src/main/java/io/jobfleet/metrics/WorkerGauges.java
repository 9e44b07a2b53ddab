package io.jobfleet.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Gauges read from a running worker: {@code jobfleet_in_flight_attempts{queue}},
 * {@code jobfleet_prefetched_jobs{queue}} (claimed jobs waiting for a free handler thread, the
 * {@code --prefetch} at work) and {@code jobfleet_claiming_paused{queue}} (1 while a claim gate,
 * e.g. an open LLM circuit breaker, holds claiming back).
 */
public final class WorkerGauges {
    private WorkerGauges() {
    }

    /** What the gauges read; the engine's worker implements it. */
    public interface Source {
        String queue();

        int inFlight();

        /** Claimed jobs waiting for a free handler thread. */
        int prefetched();

        boolean claimingPaused();
    }

    public static void bind(MeterRegistry registry, Source worker) {
        String queue = worker.queue();
        Gauge.builder("jobfleet.in.flight", worker, Source::inFlight).baseUnit("attempts")
                .description("Attempts this worker is running now").tag("queue", queue)
                .strongReference(true).register(registry);
        Gauge.builder("jobfleet.prefetched", worker, Source::prefetched).baseUnit("jobs")
                .description("Claimed jobs waiting for a free handler thread (--prefetch)").tag("queue", queue)
                .strongReference(true).register(registry);
        Gauge.builder("jobfleet.claiming.paused", worker, w -> w.claimingPaused() ? 1 : 0)
                .description("1 while this worker holds claiming back (e.g. its LLM endpoint's breaker is open)")
                .tag("queue", queue).strongReference(true).register(registry);
    }
}
