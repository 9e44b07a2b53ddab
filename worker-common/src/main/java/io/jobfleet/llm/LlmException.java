package io.jobfleet.llm;

import io.jobfleet.engine.JobException;
import io.jobfleet.engine.PermanentJobException;
import io.jobfleet.engine.RetryableJobException;
import java.time.Duration;
import java.util.Optional;

/**
 * A failed LLM call. {@link #getMessage()} is short and fit to show an end user: it never holds
 * a stack trace, a URL or an API key. {@link #detail()} is the provider's own explanation,
 * sanitized and shortened, when there was one.
 */
public final class LlmException extends Exception {
    private static final long serialVersionUID = 1L;
    private final LlmErrorType type;
    private final transient Duration retryAfter;
    private final int httpStatus;
    private final String detail;

    /** A failure found by the caller itself, e.g. an answer its own validation rejects. */
    public LlmException(LlmErrorType type, String detail) {
        this(type, 0, null, detail, null);
    }

    LlmException(LlmErrorType type, int httpStatus, Duration retryAfter, String detail, Throwable cause) {
        super(ErrorMessages.userMessage(type, httpStatus, retryAfter, detail), cause);
        this.type = type;
        this.httpStatus = httpStatus;
        this.retryAfter = retryAfter;
        this.detail = detail;
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

    /** This failure as the engine's typed job failure (retryable or permanent). */
    public JobException toJobException() {
        if (type.retryable()) {
            return new RetryableJobException(code(), getMessage(), retryAfter, this);
        }
        return new PermanentJobException(code(), getMessage(), this);
    }
}
