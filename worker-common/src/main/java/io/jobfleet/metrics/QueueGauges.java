package io.jobfleet.metrics;

import io.jobfleet.db.DatabaseHealth;
import io.jobfleet.db.HealthSql;
import io.jobfleet.db.HealthSql.QueueDepth;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.function.ToDoubleFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The depth and lag of this worker's queue: {@code jobfleet_queue_depth_jobs{queue,
 * status="due|scheduled|running"}}, {@code jobfleet_queue_lag_seconds{queue}}, and the pauses of
 * {@code jobfleet pause}: {@code jobfleet_queue_paused{queue}} (1 while the whole queue is paused)
 * and {@code jobfleet_queue_paused_kinds{queue}} (kinds paused now), and the limits of
 * {@code jobfleet limit}: {@code jobfleet_queue_limits{queue, limit="cap|keys|rate"}} (how many are
 * set on the queue and its kinds). They are read
 * when scraped, with one statement at most every {@link #MAX_AGE}: a worker nobody scrapes sends
 * no query for them. Every worker of a family reports the same numbers: aggregate with max(), not
 * sum().
 */
public final class QueueGauges {
    public static final Duration MAX_AGE = Duration.ofSeconds(10);
    private static final Logger log = LoggerFactory.getLogger(QueueGauges.class);

    private final HealthSql sql;
    private final String queue;
    private QueueDepth last = new QueueDepth(0, 0, 0, 0.0, false, 0, 0, 0, 0);
    private long readAtNanos;
    private boolean read;

    public QueueGauges(HealthSql sql, String queue, MeterRegistry registry) {
        this.sql = sql;
        this.queue = queue;
        depth(registry, "due", d -> d.due(), "Pending jobs due now");
        depth(registry, "scheduled", d -> d.scheduled(), "Pending jobs scheduled for later (retries, delays)");
        depth(registry, "running", d -> d.running(), "Running jobs, held by any worker");
        Gauge.builder("jobfleet.queue.lag", this, g -> g.current().lagSeconds()).baseUnit("seconds")
                .description("How long the oldest due pending job has waited")
                .tag("queue", queue).strongReference(true).register(registry);
        Gauge.builder("jobfleet.queue.paused", this, g -> g.current().paused() ? 1 : 0)
                .description("1 while the whole queue is paused (jobfleet pause), fleet-wide")
                .tag("queue", queue).strongReference(true).register(registry);
        Gauge.builder("jobfleet.queue.paused.kinds", this, g -> g.current().pausedKinds())
                .description("Kinds of the queue paused now (jobfleet pause --kind), fleet-wide")
                .tag("queue", queue).strongReference(true).register(registry);
        limits(registry, "cap", QueueDepth::caps, "Caps on running jobs set on the queue and its kinds (jobfleet limit)");
        limits(registry, "keys", QueueDepth::keyRules, "Key rules set on the queue and its kinds (jobfleet limit --per-key)");
        limits(registry, "rate", QueueDepth::rates, "Claim rates set on the queue and its kinds (jobfleet limit --rate)");
    }

    private void limits(MeterRegistry registry, String limit, ToDoubleFunction<QueueDepth> value, String description) {
        Gauge.builder("jobfleet.queue.limits", this, g -> value.applyAsDouble(g.current()))
                .description(description).tags("queue", queue, "limit", limit).strongReference(true)
                .register(registry);
    }

    private void depth(MeterRegistry registry, String status, ToDoubleFunction<QueueDepth> value, String description) {
        Gauge.builder("jobfleet.queue.depth", this, g -> value.applyAsDouble(g.current())).baseUnit("jobs")
                .description(description).tags("queue", queue, "status", status).strongReference(true)
                .register(registry);
    }

    /** The last reading, refreshed first when it is older than {@link #MAX_AGE}. */
    synchronized QueueDepth current() {
        long now = System.nanoTime();
        if (!read || now - readAtNanos >= MAX_AGE.toNanos()) {
            readAtNanos = now;
            read = true;
            try {
                last = sql.queueDepth(queue);
            } catch (RuntimeException e) {
                if (!DatabaseHealth.isConnectionProblem(e)) {
                    log.warn("queue gauges not refreshed: {}", e.toString());
                }
            }
        }
        return last;
    }
}
