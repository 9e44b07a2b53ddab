package io.jobfleet.documents.requirements;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * {@code document.extract_requirements}: {@code {"document_id": 42, "user_id": "u-7"}}.
 *
 * @param documentId the {@code documents} row to read
 * @param userId     optional; when given, the row must belong to this user
 */
public record ExtractRequirementsPayload(
        @JsonProperty(value = "document_id", required = true) long documentId,
        @JsonProperty("user_id") String userId) {

    public ExtractRequirementsPayload {
        if (documentId <= 0) {
            throw new IllegalArgumentException("field 'document_id' must be a positive integer (got " + documentId + ")");
        }
        if (userId != null && userId.isBlank()) {
            throw new IllegalArgumentException("field 'user_id' must not be blank when given");
        }
    }
}
