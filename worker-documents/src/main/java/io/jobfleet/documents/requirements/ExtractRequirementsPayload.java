package io.jobfleet.documents.requirements;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.jobfleet.mapping.AppId;

/**
 * {@code document.extract_requirements}: {@code {"document_id": 42, "user_id": "u-7"}}, or in
 * camelCase {@code {"documentId": "clx0...", "userId": "u-7"}}.
 *
 * @param documentId the documents row to read: a number or a string, checked against the mapped id type
 * @param userId     optional; when given, the row must belong to this user
 */
public record ExtractRequirementsPayload(
        @JsonProperty(value = "document_id", required = true) AppId documentId,
        @JsonProperty("user_id") String userId) {

    public ExtractRequirementsPayload {
        if (userId != null && userId.isBlank()) {
            throw new IllegalArgumentException("field 'user_id' must not be blank when given");
        }
    }
}
