package io.jobfleet.documents.invoices;

import com.fasterxml.jackson.databind.JsonNode;
import io.jobfleet.documents.DocumentsMapping;
import io.jobfleet.documents.llm.StructuredCall;
import io.jobfleet.mapping.AppMapping;
import io.jobfleet.llm.UsageTotal;
import io.jobfleet.documents.source.DocumentReader;
import io.jobfleet.mapping.FailedPayload;
import io.jobfleet.documents.source.StoredFile;
import io.jobfleet.engine.JobContext;
import io.jobfleet.engine.JobFailure;
import io.jobfleet.engine.JobHandler;
import io.jobfleet.engine.JobOutcome;
import io.jobfleet.engine.PermanentJobException;
import io.jobfleet.llm.LlmClient;
import io.jobfleet.llm.Structured;
import io.jobfleet.text.Chunk;
import io.jobfleet.text.ExtractedText;
import java.util.ArrayList;
import java.util.List;
import org.jdbi.v3.core.Handle;

/**
 * {@code invoice.process}: reads an invoice file, asks the LLM for its fields (in one request,
 * or per part when the text is longer than one chunk), checks them and stores them, fenced, with
 * status {@code completed} and any warnings. A failed job leaves the invoice {@code failed}.
 */
public final class ProcessInvoiceHandler implements JobHandler<ProcessInvoicePayload> {
    public static final String KIND = "invoice.process";

    private final DocumentReader reader;
    private final StructuredCall<InvoiceAnswer> call;
    private final InvoicesTable invoices;

    public ProcessInvoiceHandler(LlmClient llm, DocumentReader reader, AppMapping mapping) {
        this.reader = reader;
        this.invoices = new InvoicesTable(mapping.table(DocumentsMapping.INVOICES));
        this.call = new StructuredCall<>(llm, InvoicePrompt.SYSTEM, InvoicePrompt.SCHEMA, InvoiceAnswer.class);
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public Class<ProcessInvoicePayload> payloadType() {
        return ProcessInvoicePayload.class;
    }

    @Override
    public JobOutcome handle(ProcessInvoicePayload payload, JobContext ctx) throws Exception {
        String id = invoices.mapping().requireId(payload.invoiceId(), "invoice_id");
        StoredFile file = invoices.find(ctx.jdbi(), id, reader.maxBytes()).orElseThrow(() -> new PermanentJobException("not_found",
                InvoicesTable.label(id) + " does not exist."));
        file.requireOwner(payload.userId());
        ctx.fenced(h -> invoices.markProcessing(h, id));

        ExtractedText text = reader.read(file);
        List<Chunk> chunks = reader.chunks(text);
        List<InvoiceAnswer> parts = new ArrayList<>(chunks.size());
        UsageTotal usage = UsageTotal.ZERO;
        for (Chunk chunk : chunks) {
            Structured<InvoiceAnswer> answer = call.ask(InvoicePrompt.userMessage(chunk, chunks.size()), ctx);
            parts.add(answer.value());
            usage = usage.plus(answer.usage());
        }
        ValidatedInvoice invoice = InvoiceValidator.validate(InvoiceMerge.of(parts));
        return JobOutcome.done(new InvoiceResult(payload.invoiceId(), invoice.lineItems().size(), invoice.warnings().size(),
                text.pageCount(), chunks.size(), usage), h -> invoices.markCompleted(h, id, invoice));
    }

    @Override
    public void onFailed(JsonNode payload, JobFailure failure, Handle handle) {
        FailedPayload.id(payload, "invoice_id", invoices.mapping()).ifPresent(id ->
                invoices.markFailed(handle, id, FailedPayload.userId(payload), failure.message()));
    }
}
