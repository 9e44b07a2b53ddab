package io.jobfleet.testing;

import io.jobfleet.config.EngineConfig;
import io.jobfleet.db.Database;
import io.jobfleet.db.DatabaseHealth;
import io.jobfleet.engine.HandlerRegistry;
import io.jobfleet.engine.JobHandler;
import io.jobfleet.engine.Worker;
import io.jobfleet.engine.WorkerId;
import io.jobfleet.metrics.JobMetrics;
import io.jobfleet.runtime.WorkerRuntime;
import io.jobfleet.tracing.Tracing;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;

/** Builds and starts in-process workers for tests; stops them all on {@link #close()}. */
public final class TestWorkers implements AutoCloseable {
    private final List<Worker> started = new ArrayList<>();

    /** Test defaults: fast polls and retries, so tests do not wait on production timings. */
    public static EngineConfig config(String queue) {
        return builder(queue).build();
    }

    /** A builder holding the test defaults of {@link #config}, to change some of them. */
    public static EngineConfig.Builder builder(String queue) {
        return EngineConfig.builder(queue).pollMin(Duration.ofMillis(100)).pollMax(Duration.ofMillis(500))
                .retryBase(Duration.ZERO).retryMax(Duration.ZERO).grace(Duration.ofSeconds(5));
    }

    public Worker start(Database db, EngineConfig config, JobHandler<?>... handlers) {
        return start(db, config, new JobMetrics(new io.micrometer.core.instrument.simple.SimpleMeterRegistry()), handlers);
    }

    public Worker start(Database db, EngineConfig config, JobMetrics metrics, JobHandler<?>... handlers) {
        Worker w = build(db, config, metrics, handlers);
        w.start();
        return w;
    }

    public Worker build(Database db, EngineConfig config, JobMetrics metrics, JobHandler<?>... handlers) {
        return build(db, config, metrics, InstantSource.system(), handlers);
    }

    /** A started worker whose leases, rescues, retries and timeouts run on {@code clock}. */
    public Worker start(Database db, EngineConfig config, InstantSource clock, JobHandler<?>... handlers) {
        return start(db, config, new JobMetrics(new io.micrometer.core.instrument.simple.SimpleMeterRegistry()),
                clock, handlers);
    }

    /** {@link #start(Database, EngineConfig, InstantSource, JobHandler[])} with its meters in {@code metrics}. */
    public Worker start(Database db, EngineConfig config, JobMetrics metrics, InstantSource clock,
                        JobHandler<?>... handlers) {
        Worker w = build(db, config, metrics, clock, handlers);
        if (clock instanceof TestClock c) {
            c.onAdvance(w::clockMoved);
        }
        w.start();
        return w;
    }

    /** A started worker whose attempts make spans of {@code tracing}. */
    public Worker start(Database db, EngineConfig config, Tracing tracing, JobHandler<?>... handlers) {
        Worker w = build(db, config, new JobMetrics(new io.micrometer.core.instrument.simple.SimpleMeterRegistry()),
                InstantSource.system(), tracing, handlers);
        w.start();
        return w;
    }

    private Worker build(Database db, EngineConfig config, JobMetrics metrics, InstantSource clock,
                         JobHandler<?>... handlers) {
        return build(db, config, metrics, clock, Tracing.OFF, handlers);
    }

    private Worker build(Database db, EngineConfig config, JobMetrics metrics, InstantSource clock, Tracing tracing,
                         JobHandler<?>... handlers) {
        WorkerRuntime rt = new WorkerRuntime(WorkerId.generate("test"), config, db, new DatabaseHealth(), metrics,
                clock, tracing);
        Worker w = new Worker(rt, HandlerRegistry.of(List.of(handlers)));
        synchronized (started) {
            started.add(w);
        }
        return w;
    }

    @Override
    public void close() {
        List<Worker> all;
        synchronized (started) {
            all = new ArrayList<>(started);
            started.clear();
        }
        all.parallelStream().forEach(w -> w.shutdown(Duration.ofSeconds(2)));
    }
}
