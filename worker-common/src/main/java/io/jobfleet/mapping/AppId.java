package io.jobfleet.mapping;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigInteger;
import java.util.Optional;

/**
 * An app row's id in a payload: opaque, a JSON integer ({@code 42}) or a string ({@code "42"},
 * a cuid, a UUID). It is bound as text and cast to the mapped id type in SQL; whether it fits
 * that type is checked by {@link MappedTable#requireId}. Written back as it came (number or string).
 */
public record AppId(String value, boolean numeric) {
    public AppId {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("must be a non-blank id");
        }
    }

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static AppId fromJson(JsonNode node) {
        return parse(node).orElseThrow(() -> new IllegalArgumentException(
                "must be an id: a whole number or a non-blank string"));
    }

    /** The id in {@code node} (a failed job's raw payload may hold anything): empty when it is not one. */
    public static Optional<AppId> parse(JsonNode node) {
        if (node == null) {
            return Optional.empty();
        }
        if (node.isIntegralNumber()) {
            return Optional.of(new AppId(node.bigIntegerValue().toString(), true));
        }
        if (node.isTextual() && !node.asText().isBlank()) {
            return Optional.of(new AppId(node.asText().strip(), false));
        }
        return Optional.empty();
    }

    public static AppId of(long id) {
        return new AppId(Long.toString(id), true);
    }

    @JsonValue
    public Object json() {
        return numeric ? new BigInteger(value) : value;
    }

    @Override
    public String toString() {
        return value;
    }
}
