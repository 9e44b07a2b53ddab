package io.jobfleet.documents.invoices;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.jobfleet.llm.UsageTotal;
import io.jobfleet.mapping.AppId;

/**
 * The job's {@code result}: {@code {"invoice_id":7,"line_items":3,"warnings":1,"pages":1,"chunks":1,"usage":{...}}}.
 * The fields themselves are on the invoice row.
 */
public record InvoiceResult(@JsonProperty("invoice_id") AppId invoiceId,
                            @JsonProperty("line_items") int lineItems,
                            @JsonProperty("warnings") int warnings,
                            @JsonProperty("pages") int pages,
                            @JsonProperty("chunks") int chunks,
                            @JsonProperty("usage") UsageTotal usage) {
}
