package io.jobfleet.documents.invoices;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A problem found on an invoice that was stored anyway, as kept in {@code validation_warnings}:
 * {@code {"code":"subtotal_mismatch","message":"Line items add up to 2,280.50 but the subtotal says 2,380.50."}}.
 */
public record Warning(@JsonProperty("code") String code, @JsonProperty("message") String message) {
}
