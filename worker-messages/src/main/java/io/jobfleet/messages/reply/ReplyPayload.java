package io.jobfleet.messages.reply;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.jobfleet.mapping.AppId;

/**
 * The payload of {@code message.reply}: {@code {"incoming_id": 42}} (or {@code {"incomingId": "clx0..."}}).
 *
 * @param incomingId the incoming message to answer: a number or a string, checked against the mapped id type
 */
public record ReplyPayload(@JsonProperty(value = "incoming_id", required = true) AppId incomingId) {
    public ReplyPayload {
        if (incomingId == null) {
            throw new IllegalArgumentException("field 'incoming_id' must not be null");
        }
    }
}
