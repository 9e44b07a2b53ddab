package io.jobfleet.documents.invoices;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.jobfleet.mapping.AppId;

/**
 * {@code invoice.process}: {@code {"invoice_id": 7, "user_id": "u-7"}}, or in camelCase
 * {@code {"invoiceId": "clx0...", "userId": "u-7"}}.
 *
 * @param invoiceId the invoices row to read: a number or a string, checked against the mapped id type
 * @param userId    optional; when given, the row must belong to this user
 */
public record ProcessInvoicePayload(
        @JsonProperty(value = "invoice_id", required = true) AppId invoiceId,
        @JsonProperty("user_id") String userId) {

    public ProcessInvoicePayload {
        if (userId != null && userId.isBlank()) {
            throw new IllegalArgumentException("field 'user_id' must not be blank when given");
        }
    }
}
