package io.jobfleet.llm;

import io.jobfleet.engine.JobException;
import io.jobfleet.engine.PermanentJobException;
import io.jobfleet.engine.RetryableJobException;
import io.jobfleet.engine.SnoozeJobException;
import java.time.Duration;
import java.util.Optional;

/**
 * A failed LLM call. {@link #getMessage()} is short and fit to show an end user: it never holds
 * a stack trace, a URL or an API key. {@link #detail()} is the provider's own explanation,
 * sanitized and shortened, when there was one.
 */
public final class LlmException extends Exception {
    private static final long serialVersionUID = 1L;
    /** How long a job rate limited without a Retry-After sleeps. */
    static final Duration RATE_LIMITED_SNOOZE = Duration.ofSeconds(30);
    private final LlmErrorType type;
    private final transient Duration retryAfter;
    private final int httpStatus;
    private final String detail;
    private final transient Usage usage;

    /** A failure found by the caller itself, e.g. an answer its own validation rejects. */
    public LlmException(LlmErrorType type, String detail) {
        this(type, 0, null, detail, null);
    }

    LlmException(LlmErrorType type, int httpStatus, Duration retryAfter, String detail, Throwable cause) {
        this(type, httpStatus, retryAfter, detail, cause, null);
    }

    private LlmException(LlmErrorType type, int httpStatus, Duration retryAfter, String detail, Throwable cause,
                         Usage usage) {
        super(ErrorMessages.userMessage(type, httpStatus, retryAfter, detail), cause);
        this.type = type;
        this.httpStatus = httpStatus;
        this.retryAfter = retryAfter;
        this.detail = detail;
        this.usage = usage;
    }

    /** This failure of an answer the provider produced and reported {@code reported} tokens for. */
    LlmException withUsage(Usage reported) {
        LlmException e = new LlmException(type, httpStatus == 0 ? 200 : httpStatus, retryAfter, detail, getCause(),
                reported);
        e.setStackTrace(getStackTrace());
        return e;
    }

    /**
     * The tokens this failed call cost, as far as the client knows: the provider's usage when it
     * answered and the answer was rejected (e.g. it broke the schema); zero when the provider
     * never ran the call (refused with an error status, or the request was never sent because the
     * breaker was open or the client's rate limiter gave no permit); empty when it cannot be known
     * (timeouts, dropped connections, cancellations: the provider may have run it).
     */
    public Optional<Usage> knownUsage() {
        if (usage != null) {
            return Optional.of(usage);
        }
        boolean refusedByProvider = httpStatus >= 300;
        boolean neverSent = type == LlmErrorType.CIRCUIT_OPEN || type == LlmErrorType.RATE_LIMITED && httpStatus == 0;
        return refusedByProvider || neverSent ? Optional.of(Usage.NONE) : Optional.empty();
    }

    public LlmErrorType type() {
        return type;
    }

    public boolean retryable() {
        return type.retryable();
    }

    /** The error class for the job's {@code errors} history, e.g. {@code malformed_output}. */
    public String code() {
        return type.code();
    }

    /** How long the provider (or the open circuit breaker) asked us to wait, when it said. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    /** The HTTP status of the failed answer, or 0 when there was none. */
    public int httpStatus() {
        return httpStatus;
    }

    /** The provider's sanitized explanation (at most 160 characters), or null. */
    public String detail() {
        return detail;
    }

    /**
     * This failure as the engine's typed job failure: a rate limit (the provider's 429, or the
     * fleet-wide limit) and a call the open circuit breaker refused snooze the job until the wait is
     * over, without spending an attempt; other failures are retryable or permanent.
     */
    public JobException toJobException() {
        if (type == LlmErrorType.RATE_LIMITED) {
            return new SnoozeJobException(retryAfter != null ? retryAfter : RATE_LIMITED_SNOOZE, getMessage());
        }
        if (type == LlmErrorType.CIRCUIT_OPEN) {
            // nothing was sent: the job waits out the open breaker without spending an attempt, so
            // an outage of the provider fails no job before its snoozes run out (max_snoozes)
            return new SnoozeJobException(retryAfter != null ? retryAfter : Duration.ofSeconds(1), getMessage());
        }
        if (type.retryable()) {
            return new RetryableJobException(code(), getMessage(), retryAfter, this);
        }
        return new PermanentJobException(code(), getMessage(), this);
    }
}
