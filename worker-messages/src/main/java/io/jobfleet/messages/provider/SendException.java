package io.jobfleet.messages.provider;

import java.time.Duration;
import java.util.Optional;

/**
 * A send that did not end with the provider's id. {@link Outcome} says what is known: the provider
 * refused the message (a retry cannot help), did not take it this time (a retry may), asked to slow
 * down, or may have taken it (the request was written, no answer came).
 */
public final class SendException extends Exception {
    private static final long serialVersionUID = 1L;

    public enum Outcome {
        /** The provider answered and will never take this message (4xx, bad number): not sent. */
        REJECTED,
        /** The provider answered an error before taking it, or the request never left (5xx, refused): not sent. */
        NOT_SENT,
        /** 429: not sent; try again after {@link #retryAfter()}. */
        RATE_LIMITED,
        /** The request was written but no answer came (timeout, broken connection): it may have been sent. */
        UNKNOWN
    }

    private final Outcome outcome;
    private final transient Duration retryAfter;

    public SendException(Outcome outcome, String message, Duration retryAfter, Throwable cause) {
        super(message, cause);
        this.outcome = outcome;
        this.retryAfter = retryAfter;
    }

    public static SendException rejected(String message) {
        return new SendException(Outcome.REJECTED, message, null, null);
    }

    public static SendException notSent(String message, Throwable cause) {
        return new SendException(Outcome.NOT_SENT, message, null, cause);
    }

    public static SendException rateLimited(String message, Duration retryAfter) {
        return new SendException(Outcome.RATE_LIMITED, message, retryAfter, null);
    }

    public static SendException unknown(String message, Throwable cause) {
        return new SendException(Outcome.UNKNOWN, message, null, cause);
    }

    public Outcome outcome() {
        return outcome;
    }

    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
