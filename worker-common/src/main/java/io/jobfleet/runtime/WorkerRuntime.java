package io.jobfleet.runtime;

import io.jobfleet.config.EngineConfig;
import io.jobfleet.db.Database;
import io.jobfleet.db.DatabaseHealth;
import io.jobfleet.metrics.JobMetrics;
import io.jobfleet.tracing.Tracing;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Objects;

/**
 * What every part of one worker process shares. {@code clock} is the time of leases, rescues,
 * retries and timeouts: the system clock in production, a settable one in tests. {@code tracing}
 * makes the attempts' spans ({@link Tracing#OFF} unless configured).
 *
 * <p>Public because the engine, lease, schedule and daemon packages share it; it is an engine
 * internal all the same. A job family must not use it: a family sees only the handler API
 * ({@code JobHandler}, {@code JobContext}, the job exceptions) and its {@code FamilyRuntime}.
 * {@code FamiliesSeeOnlyTheHandlerApiTest} in {@code fleet} fails if a family's code does.
 */
public record WorkerRuntime(String workerId, EngineConfig config, Database db, DatabaseHealth health,
                            JobMetrics metrics, InstantSource clock, Tracing tracing) {
    private static final InstantSource SYSTEM = InstantSource.system();

    public WorkerRuntime {
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(tracing, "tracing");
    }

    /** Without tracing. */
    public WorkerRuntime(String workerId, EngineConfig config, Database db, DatabaseHealth health,
                         JobMetrics metrics, InstantSource clock) {
        this(workerId, config, db, health, metrics, clock, Tracing.OFF);
    }

    /** On the system clock. */
    public WorkerRuntime(String workerId, EngineConfig config, Database db, DatabaseHealth health,
                         JobMetrics metrics) {
        this(workerId, config, db, health, metrics, SYSTEM, Tracing.OFF);
    }

    /**
     * The "now" the queue statements take: null on the system clock, so each statement uses its
     * transaction's {@code now()}; the clock's instant otherwise (tests).
     */
    public Instant statementNow() {
        return statementNow(clock);
    }

    /** {@link #statementNow()} for any clock. */
    public static Instant statementNow(InstantSource clock) {
        return clock == SYSTEM ? null : clock.instant();
    }

    /** Monotonic nanoseconds on this clock: {@link System#nanoTime()} on the system clock. */
    public long nanoTime() {
        if (clock == SYSTEM) {
            return System.nanoTime();
        }
        Instant i = clock.instant();
        return i.getEpochSecond() * 1_000_000_000L + i.getNano();
    }
}
