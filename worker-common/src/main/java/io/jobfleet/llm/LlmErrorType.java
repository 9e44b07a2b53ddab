package io.jobfleet.llm;

import java.util.Locale;

/**
 * Why an LLM call failed. Each type is retryable (the job goes back to pending) or permanent
 * (the job fails), and transient types are also retried inside the call and counted by the
 * endpoint's circuit breaker.
 */
public enum LlmErrorType {
    /** HTTP 429: the provider asks us to slow down (honour {@code Retry-After}). */
    RATE_LIMITED(true, true),
    /** HTTP 5xx or 529: the provider is overloaded or failing. */
    OVERLOADED(true, true),
    /** No answer within the configured timeouts (or HTTP 408/504). */
    TIMEOUT(true, true),
    /** The endpoint could not be reached: refused, DNS, TLS, reset. */
    CONNECTION(true, true),
    /** HTTP 401/403: the API key is missing, wrong or lacks access. */
    AUTH(false, false),
    /** HTTP 400/404/422: the provider rejected the request (unknown model, bad parameter). */
    INVALID_REQUEST(false, false),
    /** The prompt does not fit the model's context window. */
    CONTEXT_TOO_LONG(false, false),
    /** The provider's content policy blocked the prompt or the answer. */
    CONTENT_FILTERED(false, false),
    /** The account's quota or billing limit is exhausted (HTTP 429 {@code insufficient_quota}). */
    QUOTA_EXCEEDED(false, false),
    /** The answer is not valid JSON or does not match the requested schema. */
    MALFORMED_OUTPUT(true, false),
    /** The endpoint's circuit breaker is open: the call was not attempted. */
    CIRCUIT_OPEN(true, false),
    /** The job was interrupted (timeout, cancellation, shutdown) while the call was in flight. */
    CANCELLED(true, false);

    private final boolean retryable;
    private final boolean transientFailure;

    LlmErrorType(boolean retryable, boolean transientFailure) {
        this.retryable = retryable;
        this.transientFailure = transientFailure;
    }

    /** True when a later attempt of the job may succeed. */
    public boolean retryable() {
        return retryable;
    }

    /**
     * True for failures of the endpoint itself (rate limit, overload, timeout, connection): they
     * are retried within the call and counted by the circuit breaker.
     */
    public boolean transientFailure() {
        return transientFailure;
    }

    /** The error class recorded on the job, e.g. {@code rate_limited}. */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }
}
