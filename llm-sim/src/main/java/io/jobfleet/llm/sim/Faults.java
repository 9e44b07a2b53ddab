package io.jobfleet.llm.sim;

import java.time.Duration;
import java.util.Random;

/**
 * Random faults and latency from seeded generators, so a run with the same seed and the same
 * order of requests fails the same way. Faults and jitter draw from separate generators.
 */
final class Faults {
    /** What to do to one request. */
    enum Kind { NONE, RATE_LIMITED, SERVER_ERROR, UNAVAILABLE, SLOW, MALFORMED }

    private static final Kind[] MIX = {Kind.RATE_LIMITED, Kind.SERVER_ERROR, Kind.UNAVAILABLE, Kind.SLOW,
            Kind.MALFORMED};
    private final double rate;
    private final Duration latency;
    private final Duration jitter;
    private final Random faults;
    private final Random delays;

    Faults(SimulatorConfig config) {
        this.rate = config.faultRate();
        this.latency = config.latency();
        this.jitter = config.jitter();
        this.faults = new Random(config.seed());
        this.delays = new Random(config.seed() + 1);
    }

    /** The fault for the next request; MALFORMED only for requests with a schema. */
    synchronized Kind next(boolean structured) {
        if (rate <= 0 || faults.nextDouble() >= rate) {
            return Kind.NONE;
        }
        Kind kind = MIX[faults.nextInt(MIX.length)];
        return kind == Kind.MALFORMED && !structured ? Kind.UNAVAILABLE : kind;
    }

    /** The latency of the next answer: base plus 0..jitter. */
    synchronized long delayMillis() {
        long extra = jitter.toMillis() > 0 ? (long) (delays.nextDouble() * (jitter.toMillis() + 1)) : 0;
        return latency.toMillis() + extra;
    }
}
