package io.jobfleet.llm;

import io.github.resilience4j.core.functions.Either;
import io.github.resilience4j.micrometer.tagged.TaggedRetryMetrics;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.github.resilience4j.retry.RetryRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Resilience around every HTTP attempt to one endpoint: an in-call {@link Retry} for transient
 * errors (exponential backoff, or the provider's {@code Retry-After} when it is at most
 * {@link LlmConfig#MAX_IN_CALL_RETRY_AFTER}), then the fleet-wide request limit (a token of the
 * provider's requests bucket, shared by every process), then the endpoint's circuit breaker. Waits
 * between attempts end at once when the call is cancelled.
 */
final class EndpointGuard {
    private static final Logger log = LoggerFactory.getLogger(EndpointGuard.class);
    private static final long MAX_BACKOFF_MILLIS = 30_000;

    /** One HTTP attempt. */
    @FunctionalInterface
    interface Attempt<T> {
        T run() throws LlmException;
    }

    private final String endpoint;
    private final Duration backoff;
    private final Retry retry;
    private final BreakerWatch breaker;
    private final SharedBuckets buckets;
    private final String requestsBucket;

    EndpointGuard(LlmConfig config, MeterRegistry meters, SharedBuckets buckets) {
        this.endpoint = config.endpointLabel();
        this.backoff = config.retryBackoff();
        RetryRegistry retries = RetryRegistry.of(RetryConfig.custom()
                .maxAttempts(config.maxInCallRetries() + 1)
                .retryOnException(EndpointGuard::retryInCall)
                .intervalBiFunction(this::waitMillis)
                .build());
        TaggedRetryMetrics.ofRetryRegistry(retries).bindTo(meters);
        this.retry = retries.retry(endpoint);
        this.breaker = new BreakerWatch(endpoint, config, meters);
        this.buckets = buckets;
        this.requestsBucket = config.requestsBucket();
    }

    static boolean retryInCall(Throwable t) {
        return t instanceof LlmException e && e.type().transientFailure()
                && e.retryAfter().map(d -> d.compareTo(LlmConfig.MAX_IN_CALL_RETRY_AFTER) <= 0).orElse(true);
    }

    private Long waitMillis(Integer attempt, Either<Throwable, Object> outcome) {
        if (outcome.isLeft() && outcome.getLeft() instanceof LlmException e && e.retryAfter().isPresent()) {
            return e.retryAfter().get().toMillis();
        }
        long exponential = backoff.toMillis() << Math.min(Math.max(attempt - 1, 0), 16);
        double jitter = 0.8 + 0.4 * ThreadLocalRandom.current().nextDouble();
        return Math.min(MAX_BACKOFF_MILLIS, Math.round(exponential * jitter));
    }

    <T> T call(Attempt<T> attempt, CallControl control) throws LlmException {
        Retry.AsyncContext<T> context = retry.asyncContext();
        for (int n = 1; ; n++) {
            control.checkActive();
            try {
                T result = paced(() -> breaker.call(attempt), control);
                context.onComplete();
                return result;
            } catch (LlmException e) {
                long wait = context.onError(e);
                if (wait < 0) {
                    throw e;
                }
                log.debug("LLM call to {} failed ({}, attempt {}); retrying in {} ms",
                        endpoint, e.code(), n, wait);
                control.pause(wait);
            }
        }
    }

    private <T> T paced(Attempt<T> attempt, CallControl control) throws LlmException {
        acquire(requestsBucket, 1, control);
        return attempt.run();
    }

    /**
     * Takes {@code permits} of a shared bucket, waiting for them when they come within
     * {@link LlmConfig#MAX_IN_CALL_RETRY_AFTER}; a longer wait ends the call as RATE_LIMITED (never
     * sent), which snoozes the job until then without spending an attempt.
     */
    void acquire(String bucket, double permits, CallControl control) throws LlmException {
        while (true) {
            control.checkActive();
            Optional<Duration> wait = buckets.take(bucket, permits);
            if (wait.isEmpty()) {
                return;
            }
            if (wait.get().compareTo(LlmConfig.MAX_IN_CALL_RETRY_AFTER) > 0) {
                throw new LlmException(LlmErrorType.RATE_LIMITED, 0, wait.get(), "fleet-wide limit " + bucket, null);
            }
            control.pause(Math.max(1, wait.get().toMillis()));
        }
    }

    String unavailableBecause() {
        return breaker.unavailableBecause();
    }

    BreakerWatch breaker() {
        return breaker;
    }
}
