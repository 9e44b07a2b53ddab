package io.jobfleet.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The engine's meters. Prometheus names: {@code jobfleet_jobs_claimed_total},
 * {@code jobfleet_jobs_completed_total}, {@code jobfleet_jobs_retried_total},
 * {@code jobfleet_jobs_failed_total}, {@code jobfleet_jobs_rescued_total},
 * {@code jobfleet_jobs_handed_back_total}, {@code jobfleet_completions_fenced_out_total},
 * {@code jobfleet_attempt_duration_seconds}, {@code jobfleet_progress_updates_total} (progress
 * written to job rows, after coalescing), {@code jobfleet_checkpoints_saved_total}. Their queue, kind and error class tags come from job
 * rows, so each is a {@link BoundedTag}: past a few dozen distinct values they read {@code other}.
 */
public final class JobMetrics {
    static final int QUEUES_MAX = 32;
    static final int KINDS_MAX = 64;
    static final int ERROR_CLASSES_MAX = 64;

    private final MeterRegistry registry;
    private final BoundedTag queues = new BoundedTag(QUEUES_MAX);
    private final BoundedTag kinds = new BoundedTag(KINDS_MAX);
    private final BoundedTag errorClasses = new BoundedTag(ERROR_CLASSES_MAX);
    /** The meters of a completion, found once per queue and kind: a busy worker completes thousands a second. */
    private final Map<List<String>, Completion> completions = new ConcurrentHashMap<>();

    private record Completion(Counter jobs, Timer attempts) {
    }

    public JobMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    public static JobMetrics noop() {
        return new JobMetrics(new SimpleMeterRegistry());
    }

    public MeterRegistry registry() {
        return registry;
    }

    public void claimed(String queue, int n) {
        if (n > 0) {
            Counter.builder("jobfleet.jobs.claimed").description("Attempts started (jobs claimed)")
                    .tag("queue", queues.of(queue)).register(registry).increment(n);
        }
    }

    /**
     * One claim round of {@code queue} ran: {@code found} whether it claimed a job. The rounds that
     * find none are the claiming's cost when the queue is idle (polls, notifications another
     * worker answered first).
     */
    public void claimRound(String queue, boolean found) {
        Counter.builder("jobfleet.claim.rounds").description("Claim rounds (statements claiming jobs)")
                .tags("queue", queues.of(queue), "found", found ? "jobs" : "none").register(registry).increment();
    }

    public void completed(String jobQueue, String jobKind, Duration took) {
        String queue = queues.of(jobQueue);
        String kind = kinds.of(jobKind);
        Completion c = completions.computeIfAbsent(List.of(queue, kind), k -> new Completion(
                Counter.builder("jobfleet.jobs.completed").description("Jobs completed")
                        .tags("queue", queue, "kind", kind).register(registry),
                attemptTimer(queue, kind, "completed")));
        c.jobs().increment();
        c.attempts().record(took);
    }

    /** A failed attempt; {@code finalFailure} when the job is now {@code failed}. */
    public void failedAttempt(String jobQueue, String jobKind, String errorClass, boolean finalFailure, Duration took) {
        String queue = queues.of(jobQueue);
        String kind = kinds.of(jobKind);
        Counter.builder(finalFailure ? "jobfleet.jobs.failed" : "jobfleet.jobs.retried")
                .description(finalFailure ? "Jobs that ended failed" : "Failed attempts scheduled for a retry")
                .tags("queue", queue, "kind", kind, "error_class", errorClasses.of(errorClass))
                .register(registry).increment();
        attempt(queue, kind, finalFailure ? "failed" : "retried", took);
    }

    public void rescued(String queue, String kind, String outcome) {
        Counter.builder("jobfleet.jobs.rescued").description("Orphaned jobs rescued from dead workers")
                .tags("queue", queues.of(queue), "kind", kinds.of(kind), "outcome", outcome).register(registry)
                .increment();
    }

    public void handedBack(String queue, int n) {
        if (n > 0) {
            Counter.builder("jobfleet.jobs.handed.back").description("Attempts handed back at shutdown")
                    .tag("queue", queues.of(queue)).register(registry).increment(n);
        }
    }

    /** A handler snoozed a job (its attempt given back). */
    public void snoozed(String queue, String kind) {
        Counter.builder("jobfleet.jobs.snoozed").description("Jobs a handler snoozed without spending an attempt")
                .tags("queue", queues.of(queue), "kind", kinds.of(kind)).register(registry).increment();
    }

    public void fencedOut(String queue, String kind) {
        Counter.builder("jobfleet.completions.fenced.out")
                .description("Completions refused because this worker no longer held the job")
                .tags("queue", queues.of(queue), "kind", kinds.of(kind)).register(registry).increment();
    }

    /** Progress of a running job written to its row; {@code outcome} is {@code written} or {@code fenced_out}. */
    public void progressWritten(String queue, String outcome) {
        Counter.builder("jobfleet.progress.updates").description("Progress updates written to job rows (coalesced)")
                .tags("queue", queues.of(queue), "outcome", outcome).register(registry).increment();
    }

    /** A handler saved a checkpoint (a partial result a retry resumes from). */
    public void checkpointSaved(String queue, String kind) {
        Counter.builder("jobfleet.checkpoints.saved").description("Checkpoints saved by handlers")
                .tags("queue", queues.of(queue), "kind", kinds.of(kind)).register(registry).increment();
    }

    private void attempt(String queue, String kind, String outcome, Duration took) {
        attemptTimer(queue, kind, outcome).record(took);
    }

    private Timer attemptTimer(String queue, String kind, String outcome) {
        return Timer.builder("jobfleet.attempt.duration").description("Duration of one attempt")
                .tags("queue", queue, "kind", kind, "outcome", outcome)
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofMinutes(10))
                .register(registry);
    }
}
