package io.jobfleet.collections.generate;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The payload of {@code collection.generate}: {@code {"collection_id": 42, "user_id": "u-17"}}.
 *
 * @param collectionId the {@code study_collections.id} to generate for (required)
 * @param userId       when given, the collection must belong to this user
 */
public record GeneratePayload(@JsonProperty(value = "collection_id", required = true)
                              long collectionId,
                              @JsonProperty("user_id") String userId) {
    public GeneratePayload {
        if (collectionId <= 0) {
            throw new IllegalArgumentException("field 'collection_id' must be a positive integer");
        }
        if (userId != null && userId.isBlank()) {
            throw new IllegalArgumentException("field 'user_id' must not be blank when given");
        }
    }
}
