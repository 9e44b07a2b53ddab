package io.jobfleet.messages.provider;

import io.jobfleet.llm.Cancellation;

/**
 * Where outgoing messages go. One call sends one message; the idempotency key is the same on
 * every attempt for that message. Errors are {@link SendException}s saying whether the provider
 * surely did not take the message, or whether the outcome is unknown.
 */
public interface MessageProvider {
    /** Short name for logs and errors, e.g. {@code http} or {@code twilio}. */
    String name();

    /**
     * True when the provider delivers a message at most once per idempotency key, so a send whose
     * outcome is unknown may be repeated with the same key.
     */
    boolean deduplicates();

    /**
     * Sends {@code message}; returns the provider's id for it. {@code cancellation} gets the way to
     * abort the call (the attempt's timeout or the worker's shutdown); an aborted call's outcome is
     * {@link SendException.Outcome#UNKNOWN}.
     */
    String send(Outgoing message, Cancellation cancellation) throws SendException;

    /** What a provider needs of one outgoing message. */
    record Outgoing(String id, String conversationId, String recipient, String body, String idempotencyKey) {
    }
}
