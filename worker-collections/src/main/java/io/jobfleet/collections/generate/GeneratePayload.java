package io.jobfleet.collections.generate;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.jobfleet.mapping.AppId;

/**
 * The payload of {@code collection.generate}: {@code {"collection_id": 42, "user_id": "u-17"}}, or
 * in camelCase {@code {"collectionId": "clx0...", "userId": "u-17"}}.
 *
 * @param collectionId the collection row to generate for (required): a number or a string, checked
 *                     against the mapped id type
 * @param userId       when given, the collection must belong to this user
 */
public record GeneratePayload(@JsonProperty(value = "collection_id", required = true) AppId collectionId,
                              @JsonProperty("user_id") String userId) {
    public GeneratePayload {
        if (collectionId == null) {
            throw new IllegalArgumentException("field 'collection_id' must not be null");
        }
        if (userId != null && userId.isBlank()) {
            throw new IllegalArgumentException("field 'user_id' must not be blank when given");
        }
    }
}
