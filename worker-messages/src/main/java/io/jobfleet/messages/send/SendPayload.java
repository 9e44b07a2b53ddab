package io.jobfleet.messages.send;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.jobfleet.mapping.AppId;

/**
 * The payload of {@code message.send}: {@code {"outgoing_id": 42}} (or {@code {"outgoingId": "clx0..."}}).
 *
 * @param outgoingId the outgoing message to send: a number or a string, checked against the mapped id type
 */
public record SendPayload(@JsonProperty(value = "outgoing_id", required = true) AppId outgoingId) {
    public SendPayload {
        if (outgoingId == null) {
            throw new IllegalArgumentException("field 'outgoing_id' must not be null");
        }
    }
}
