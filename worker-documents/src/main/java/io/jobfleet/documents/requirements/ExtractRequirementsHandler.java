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
import io.jobfleet.engine.SavedSteps;
import io.jobfleet.mapping.ProgressColumn;
import io.jobfleet.text.Chunk;
import io.jobfleet.text.ExtractedText;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code document.extract_requirements}: reads a document, asks the LLM for the requirements of
 * each page-marked chunk, and replaces the document's requirements, fenced, with its status
 * {@code DONE}. A failed job leaves the document {@code ERROR} with the reason. Each chunk's answer
 * is saved as a checkpoint, so a retry asks the model only about the chunks not answered yet; the
 * progress is the pages answered of the document's pages (mirrored onto the document's row when
 * the mapping names a {@code progress} column).
 */
public final class ExtractRequirementsHandler implements JobHandler<ExtractRequirementsPayload> {
    public static final String KIND = "document.extract_requirements";
    private static final Logger log = LoggerFactory.getLogger(ExtractRequirementsHandler.class);
    /** The progress stage: pages whose chunks the model has answered, of the document's pages. */
    static final String PAGES = "pages";

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
        ProgressColumn.mirror(documents.mapping(), id, ctx);

        ExtractedText text = reader.read(file);
        List<Chunk> chunks = reader.chunks(text);
        RequirementSet found = new RequirementSet(id, text.pageCount());
        UsageTotal usage = UsageTotal.ZERO;
        SavedSteps<ChunkAnswer> answers = new SavedSteps<>(ctx, ChunkAnswer.class);
        ctx.progress(0, text.pageCount(), PAGES);
        for (int i = 0; i < chunks.size(); i++) {
            Chunk chunk = chunks.get(i);
            String message = RequirementsPrompt.userMessage(chunk, chunks.size(), text.pageCount());
            ChunkAnswer answer = answers.get("chunk-" + chunk.index(), message, () -> ChunkAnswer.of(call.ask(message, ctx)));
            found.addAll(answer.answer().requirements(), chunk);
            usage = usage.plus(answer.usage());
            ctx.progress(i + 1 < chunks.size() ? chunks.get(i + 1).firstPage() - 1 : text.pageCount(),
                    text.pageCount(), PAGES);
        }
        if (answers.reused() > 0) {
            log.info("document {}: {} of {} chunks taken from an earlier attempt's checkpoints", id,
                    answers.reused(), chunks.size());
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
