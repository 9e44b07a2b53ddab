package io.jobfleet.metrics;

import io.jobfleet.db.DatabaseHealth;
import io.jobfleet.db.HealthSql;
import io.jobfleet.db.HealthSql.QueueDepth;
import io.jobfleet.engine.LogContext;
import io.jobfleet.service.LoopService;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The depth and lag of this worker's queue, refreshed by one statement every {@link #INTERVAL}:
 * {@code jobfleet_queue_depth_jobs{queue, status="due|scheduled|running"}} and
 * {@code jobfleet_queue_lag_seconds{queue}}. Every worker of a family reports the same numbers:
 * aggregate with max(), not sum().
 */
public final class QueueGauges extends LoopService {
    public static final Duration INTERVAL = Duration.ofSeconds(15);
    private static final Logger log = LoggerFactory.getLogger(QueueGauges.class);

    private final HealthSql sql;
    private final String queue;
    private final String workerId;
    private final Duration interval;
    private final AtomicLong due = new AtomicLong();
    private final AtomicLong scheduled = new AtomicLong();
    private final AtomicLong running = new AtomicLong();
    private final AtomicReference<Double> lag = new AtomicReference<>(0.0);

    public QueueGauges(HealthSql sql, String queue, String workerId, MeterRegistry registry, Duration interval) {
        super("jobfleet-queue-gauges");
        this.sql = sql;
        this.queue = queue;
        this.workerId = workerId;
        this.interval = interval;
        depth(registry, "due", due, "Pending jobs due now");
        depth(registry, "scheduled", scheduled, "Pending jobs scheduled for later (retries, delays)");
        depth(registry, "running", running, "Running jobs, held by any worker");
        Gauge.builder("jobfleet.queue.lag", lag, AtomicReference::get).baseUnit("seconds")
                .description("How long the oldest due pending job has waited")
                .tag("queue", queue).strongReference(true).register(registry);
    }

    private void depth(MeterRegistry registry, String status, AtomicLong value, String description) {
        Gauge.builder("jobfleet.queue.depth", value, AtomicLong::get).baseUnit("jobs").description(description)
                .tags("queue", queue, "status", status).strongReference(true).register(registry);
    }

    @Override
    protected void onStart() {
        LogContext.worker(workerId);
    }

    @Override
    protected Duration runOnce() {
        QueueDepth d = sql.queueDepth(queue);
        due.set(d.due());
        scheduled.set(d.scheduled());
        running.set(d.running());
        lag.set(d.lagSeconds());
        return interval;
    }

    @Override
    protected Duration afterFailure(Exception e) {
        if (!DatabaseHealth.isConnectionProblem(e)) {
            log.warn("queue gauges not refreshed: {}", e.toString());
        }
        return interval;
    }
}
