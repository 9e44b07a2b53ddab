package io.jobfleet.llm;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.micrometer.tagged.TaggedCircuitBreakerMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The circuit breaker of one endpoint. Only transient failures (rate limit, overload, timeout,
 * connection) count against it; other answers prove the endpoint works; cancellations are
 * ignored. It logs its transitions and says why calls are held back while it is open.
 */
final class BreakerWatch {
    private static final Logger log = LoggerFactory.getLogger(BreakerWatch.class);

    private final String endpoint;
    private final Duration openWait;
    private final CircuitBreaker breaker;
    private volatile long openedAtNanos = System.nanoTime();

    BreakerWatch(String endpoint, LlmConfig config, MeterRegistry meters) {
        this.endpoint = endpoint;
        this.openWait = config.breaker().openWait();
        CircuitBreakerRegistry registry = CircuitBreakerRegistry.of(breakerConfig(config));
        TaggedCircuitBreakerMetrics.ofCircuitBreakerRegistry(registry).bindTo(meters);
        this.breaker = registry.circuitBreaker(endpoint);
        breaker.getEventPublisher().onStateTransition(e -> {
            CircuitBreaker.State to = e.getStateTransition().getToState();
            if (to == CircuitBreaker.State.OPEN || to == CircuitBreaker.State.FORCED_OPEN) {
                openedAtNanos = System.nanoTime();
                log.warn("LLM endpoint {} circuit breaker {} -> {} after {} failed of {} calls; pausing calls for {}",
                        endpoint, e.getStateTransition().getFromState(), to,
                        breaker.getMetrics().getNumberOfFailedCalls(),
                        breaker.getMetrics().getNumberOfBufferedCalls(), ErrorMessages.seconds(openWait));
            } else {
                log.info("LLM endpoint {} circuit breaker {} -> {}", endpoint,
                        e.getStateTransition().getFromState(), to);
            }
        });
    }

    private static CircuitBreakerConfig breakerConfig(LlmConfig config) {
        LlmConfig.Breaker b = config.breaker();
        return CircuitBreakerConfig.custom()
                .failureRateThreshold(b.failureRateThreshold())
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(b.slidingWindow())
                .minimumNumberOfCalls(b.minimumCalls())
                .waitDurationInOpenState(b.openWait())
                .permittedNumberOfCallsInHalfOpenState(b.halfOpenCalls())
                // LLM calls are slow by nature: only failures count, never duration
                .slowCallRateThreshold(100)
                .slowCallDurationThreshold(config.callTimeout().multipliedBy(10))
                .recordException(t -> t instanceof LlmException e && e.type().transientFailure())
                .ignoreException(t -> t instanceof LlmException e && e.type() == LlmErrorType.CANCELLED)
                .build();
    }

    /** Runs one attempt through the breaker; CIRCUIT_OPEN when it rejects the call. */
    <T> T call(EndpointGuard.Attempt<T> attempt) throws LlmException {
        if (!breaker.tryAcquirePermission()) {
            Duration wait = remainingWait();
            // half-open with every trial call taken: ask for a short wait
            throw new LlmException(LlmErrorType.CIRCUIT_OPEN, 0, wait.isZero() ? Duration.ofSeconds(1) : wait,
                    null, null);
        }
        long start = breaker.getCurrentTimestamp();
        try {
            T result = attempt.run();
            breaker.onSuccess(breaker.getCurrentTimestamp() - start, breaker.getTimestampUnit());
            return result;
        } catch (LlmException | RuntimeException e) {
            breaker.onError(breaker.getCurrentTimestamp() - start, breaker.getTimestampUnit(), e);
            throw e;
        }
    }

    /** Null while calls may go through, else why they are held back. */
    String unavailableBecause() {
        CircuitBreaker.State state = breaker.getState();
        if (state != CircuitBreaker.State.OPEN && state != CircuitBreaker.State.FORCED_OPEN) {
            return null;
        }
        Duration remaining = remainingWait();
        if (state == CircuitBreaker.State.OPEN && remaining.isZero()) {
            return null; // the next call is the half-open trial
        }
        return "LLM endpoint " + endpoint + " circuit breaker open after "
                + breaker.getMetrics().getNumberOfFailedCalls() + " failures; retrying in "
                + ErrorMessages.seconds(remaining);
    }

    CircuitBreaker.State state() {
        return breaker.getState();
    }

    private Duration remainingWait() {
        Duration elapsed = Duration.ofNanos(System.nanoTime() - openedAtNanos);
        Duration remaining = openWait.minus(elapsed);
        return remaining.isNegative() ? Duration.ZERO : remaining;
    }
}
