package io.jobfleet.documents.invoices;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * {@code invoice.process}: {@code {"invoice_id": 7, "user_id": "u-7"}}.
 *
 * @param invoiceId the {@code invoices} row to read
 * @param userId    optional; when given, the row must belong to this user
 */
public record ProcessInvoicePayload(
        @JsonProperty(value = "invoice_id", required = true) long invoiceId,
        @JsonProperty("user_id") String userId) {

    public ProcessInvoicePayload {
        if (invoiceId <= 0) {
            throw new IllegalArgumentException("field 'invoice_id' must be a positive integer (got " + invoiceId + ")");
        }
        if (userId != null && userId.isBlank()) {
            throw new IllegalArgumentException("field 'user_id' must not be blank when given");
        }
    }
}
