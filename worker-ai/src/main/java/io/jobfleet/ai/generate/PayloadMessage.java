package io.jobfleet.ai.generate;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;

/**
 * One entry of an {@code ai.generate} payload's {@code messages}. It is checked by
 * {@link GeneratePayload}, which knows its index and can name it in the error.
 */
public record PayloadMessage(
        @JsonProperty("role")
        @JsonDeserialize(using = StrictScalars.Text.class) String role,
        @JsonProperty("content")
        @JsonDeserialize(using = StrictScalars.Text.class) String content) {
}
