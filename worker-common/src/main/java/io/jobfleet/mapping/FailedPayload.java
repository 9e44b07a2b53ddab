package io.jobfleet.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/**
 * Reads a failed job's raw payload leniently, to find the app row whose status to set even when
 * the payload did not pass validation. Keys arrive in snake_case (camelCase keys are renamed by
 * the engine before this).
 */
public final class FailedPayload {
    private FailedPayload() {
    }

    /** The id in {@code field} when it fits the table's id type (a JSON number or string). */
    public static Optional<String> id(JsonNode payload, String field, MappedTable table) {
        return AppId.parse(payload == null ? null : payload.get(field))
                .map(AppId::value)
                .filter(table.idType()::accepts);
    }

    /** The payload's {@code user_id} as text, or null when absent. */
    public static String userId(JsonNode payload) {
        JsonNode value = payload == null ? null : payload.get("user_id");
        return value == null || value.isNull() ? null : value.asText();
    }
}
