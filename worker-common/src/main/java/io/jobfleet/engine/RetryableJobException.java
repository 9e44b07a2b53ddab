package io.jobfleet.engine;

import java.time.Duration;
import java.util.Optional;

/**
 * A transient error: the job goes back to pending after a backoff (at least {@code retryAfter}
 * when the peer asked for it), unless this was its last attempt.
 */
public class RetryableJobException extends JobException {
    private static final long serialVersionUID = 1L;
    private final transient Duration retryAfter;

    public RetryableJobException(String errorClass, String message) {
        this(errorClass, message, null, null);
    }

    public RetryableJobException(String errorClass, String message, Duration retryAfter, Throwable cause) {
        super(errorClass, message, cause);
        this.retryAfter = retryAfter;
    }

    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    @Override
    public boolean retryable() {
        return true;
    }
}
