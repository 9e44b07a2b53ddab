package io.jobfleet.collections.generate;

import com.fasterxml.jackson.databind.JsonNode;
import io.jobfleet.collections.CollectionSettings;
import io.jobfleet.collections.ai.StudyAssistant;
import io.jobfleet.collections.sources.SourceChunk;
import io.jobfleet.collections.sources.SourceChunker;
import io.jobfleet.collections.store.CollectionRow;
import io.jobfleet.collections.store.CollectionTables;
import io.jobfleet.collections.store.CollectionsTable;
import io.jobfleet.collections.store.SourceRow;
import io.jobfleet.collections.study.StudySet;
import io.jobfleet.collections.study.Targets;
import io.jobfleet.engine.JobContext;
import io.jobfleet.engine.JobFailure;
import io.jobfleet.engine.JobHandler;
import io.jobfleet.engine.JobOutcome;
import io.jobfleet.engine.PermanentJobException;
import io.jobfleet.engine.RetryableJobException;
import io.jobfleet.llm.LlmClient;
import io.jobfleet.mapping.AppMapping;
import io.jobfleet.mapping.FailedPayload;
import io.jobfleet.mapping.ProgressColumn;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * {@code collection.generate}: reads the collection and its sources, marks it {@code processing},
 * reads the sources' text, asks the model for flashcards and a quiz chunk by chunk, validates and
 * merges the answers, and replaces the collection's study set in the completing transaction.
 * When the job ends failed, the collection becomes {@code failed} with the job's message.
 */
public final class GenerateCollectionHandler implements JobHandler<GeneratePayload> {
    public static final String KIND = "collection.generate";
    static final String NO_SOURCES = "The collection has no sources to learn from.";

    private final SourceChunker chunker;
    private final StudySetGenerator generator;
    private final long maxBytes;
    private final CollectionTables tables;

    public GenerateCollectionHandler(LlmClient llm, CollectionSettings settings, AppMapping mapping) {
        this.tables = new CollectionTables(mapping);
        this.chunker = new SourceChunker(settings);
        this.maxBytes = settings.maxBytes();
        this.generator = new StudySetGenerator(new StudyAssistant(llm));
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public Class<GeneratePayload> payloadType() {
        return GeneratePayload.class;
    }

    @Override
    public JobOutcome handle(GeneratePayload payload, JobContext ctx) throws Exception {
        CollectionsTable collections = tables.collections();
        String id = collections.mapping().requireId(payload.collectionId(), "collection_id");
        CollectionRow collection = collections.find(ctx.jdbi(), id).orElseThrow(() -> new PermanentJobException(
                "not_found", CollectionsTable.label(id) + " does not exist; it may have been deleted."));
        if (payload.userId() != null && !payload.userId().equals(collection.userId())) {
            throw new PermanentJobException("wrong_user",
                    CollectionsTable.label(id) + " does not belong to user " + payload.userId() + ".");
        }
        List<SourceRow> sources = tables.sources().list(ctx.jdbi(), id, maxBytes);
        if (sources.stream().allMatch(SourceRow::isEmpty)) {
            throw new PermanentJobException("no_sources", NO_SOURCES);
        }
        ctx.fenced(collections.processing(id));
        ProgressColumn.mirror(collections.mapping(), id, ctx);
        List<SourceChunk> chunks = chunker.chunks(sources);
        if (chunks.isEmpty()) {
            throw new PermanentJobException("no_sources", NO_SOURCES);
        }
        Targets targets = Targets.clamped(collection.targetFlashcards(), collection.targetQuestions());
        StudySetGenerator.Generated generated = generator.generate(chunks, targets, ctx);
        StudySet set = generated.set();
        Optional<String> shortfall = set.shortfall(targets);
        if (shortfall.isPresent()) {
            // the engine says "gave up after N attempts" when this was the last one
            throw new RetryableJobException("invalid_output", shortfall.get() + ".");
        }
        int sourceCount = (int) sources.stream().filter(s -> !s.isEmpty()).count();
        GenerationResult result = new GenerationResult(payload.collectionId(), set.flashcards().size(), set.questions().size(),
                sourceCount, chunks.size(), new GenerationResult.Dropped(set.invalidCount(), set.duplicates()),
                generated.usage());
        return JobOutcome.done(result, tables.writer(id, ctx.jobId(), set));
    }

    @Override
    public void onFailed(JsonNode payload, JobFailure failure, Handle handle) {
        CollectionsTable collections = tables.collections();
        FailedPayload.id(payload, "collection_id", collections.mapping()).ifPresent(id ->
                collections.failed(handle, id, FailedPayload.userId(payload), failure.message()));
    }
}
