package io.jobfleet.messages.store;

/**
 * An outgoing row as the send reads it; {@code state} is the family's word (pending, sending,
 * sent, failed, uncertain), {@code idempotencyKey} the key fixed at creation.
 */
public record OutgoingMessage(String id, String conversationId, String recipient, String body, String state,
                              String idempotencyKey, String providerMessageId, String error) {
}
