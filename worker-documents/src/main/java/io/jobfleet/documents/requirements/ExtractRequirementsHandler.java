package io.jobfleet.documents.requirements;

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
import java.util.List;
import org.jdbi.v3.core.Handle;

/**
 * {@code document.extract_requirements}: reads a document, asks the LLM for the requirements of
 * each page-marked chunk, and replaces the document's requirements, fenced, with its status
 * {@code DONE}. A failed job leaves the document {@code ERROR} with the reason.
 */
public final class ExtractRequirementsHandler implements JobHandler<ExtractRequirementsPayload> {
    public static final String KIND = "document.extract_requirements";

    private final DocumentReader reader;
    private final StructuredCall<RequirementsAnswer> call;
    private final DocumentsTable documents;
    private final RequirementsTable requirements;

    public ExtractRequirementsHandler(LlmClient llm, DocumentReader reader, AppMapping mapping) {
        this.reader = reader;
        this.documents = new DocumentsTable(mapping.table(DocumentsMapping.DOCUMENTS));
        this.requirements = new RequirementsTable(mapping.table(DocumentsMapping.REQUIREMENTS), documents.mapping());
        this.call = new StructuredCall<>(llm, RequirementsPrompt.SYSTEM, RequirementsPrompt.SCHEMA,
                RequirementsAnswer.class);
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public Class<ExtractRequirementsPayload> payloadType() {
        return ExtractRequirementsPayload.class;
    }

    @Override
    public JobOutcome handle(ExtractRequirementsPayload payload, JobContext ctx) throws Exception {
        String id = documents.mapping().requireId(payload.documentId(), "document_id");
        StoredFile file = documents.find(ctx.jdbi(), id, reader.maxBytes()).orElseThrow(() -> new PermanentJobException("not_found",
                DocumentsTable.label(id) + " does not exist."));
        file.requireOwner(payload.userId());
        ctx.fenced(h -> documents.markProcessing(h, id));

        ExtractedText text = reader.read(file);
        List<Chunk> chunks = reader.chunks(text);
        RequirementSet found = new RequirementSet(id, text.pageCount());
        UsageTotal usage = UsageTotal.ZERO;
        for (Chunk chunk : chunks) {
            Structured<RequirementsAnswer> answer =
                    call.ask(RequirementsPrompt.userMessage(chunk, chunks.size(), text.pageCount()), ctx);
            found.addAll(answer.value().requirements(), chunk);
            usage = usage.plus(answer.usage());
        }
        List<Requirement> result = found.result();
        long jobId = ctx.jobId();
        return JobOutcome.done(
                new ExtractionResult(payload.documentId(), result.size(), text.pageCount(), chunks.size(), found.dropped(), usage),
                h -> {
                    documents.markDone(h, id);
                    requirements.replace(h, id, jobId, result);
                });
    }

    @Override
    public void onFailed(JsonNode payload, JobFailure failure, Handle handle) {
        FailedPayload.id(payload, "document_id", documents.mapping()).ifPresent(id ->
                documents.markError(handle, id, FailedPayload.userId(payload), failure.message()));
    }
}
