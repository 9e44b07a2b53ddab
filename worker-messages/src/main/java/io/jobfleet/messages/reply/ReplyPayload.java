package io.jobfleet.messages.reply;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import io.jobfleet.mapping.AppId;

/**
 * The payload of {@code message.reply}: {@code {"incoming_id": 42, "conversation_id": "c-17"}} (or
 * {@code {"incomingId": "clx0...", "conversationId": ...}}).
 *
 * @param incomingId     the incoming message to answer: a number or a string, checked against the mapped id type
 * @param conversationId the conversation the app enqueued it for (the job's ordered key), or null:
 *                       when given, it must be the message's own
 */
public record ReplyPayload(@JsonProperty(value = "incoming_id", required = true) AppId incomingId,
                           @JsonProperty("conversation_id") JsonNode conversationId) {
    public ReplyPayload {
        if (incomingId == null) {
            throw new IllegalArgumentException("field 'incoming_id' must not be null");
        }
    }

    /** The conversation as the key rule reads it (a string, number or boolean), or null. */
    public String conversation() {
        return conversationId == null || !conversationId.isValueNode() || conversationId.isNull() ? null
                : conversationId.asText();
    }
}
