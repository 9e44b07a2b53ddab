package io.jobfleet.documents.source;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.OptionalLong;

/**
 * Reads a failed job's raw payload leniently, to find the app row whose status to set even when
 * the payload did not pass validation (e.g. an id sent as the string {@code "42"}).
 */
public final class FailedPayload {
    private FailedPayload() {
    }

    /** The positive id in {@code field}, as a JSON integer or a string of digits. */
    public static OptionalLong id(JsonNode payload, String field) {
        JsonNode value = payload == null ? null : payload.get(field);
        if (value == null) {
            return OptionalLong.empty();
        }
        if (value.isIntegralNumber() && value.canConvertToLong() && value.asLong() > 0) {
            return OptionalLong.of(value.asLong());
        }
        if (value.isTextual() && value.asText().strip().matches("[1-9][0-9]{0,17}")) {
            return OptionalLong.of(Long.parseLong(value.asText().strip()));
        }
        return OptionalLong.empty();
    }

    /** The payload's {@code user_id} as text, or null when absent. */
    public static String userId(JsonNode payload) {
        JsonNode value = payload == null ? null : payload.get("user_id");
        return value == null || value.isNull() ? null : value.asText();
    }
}
