package io.jobfleet.ai.generate;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One entry of an {@code ai.generate} payload's {@code messages}. It is checked by
 * {@link GeneratePayload}, which knows its index and can name it in the error.
 */
public record PayloadMessage(
        @JsonProperty("role")
        String role,
        @JsonProperty("content")
        String content) {
}
