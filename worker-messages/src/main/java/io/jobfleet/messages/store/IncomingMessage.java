package io.jobfleet.messages.store;

import java.time.Instant;

/** An incoming row as the reply reads it; {@code state} is the family's word (pending, processing, ...). */
public record IncomingMessage(String id, String conversationId, String sender, String body, String state,
                              Instant createdAt) {
}
