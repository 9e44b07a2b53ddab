package io.jobfleet.collections.generate;

import com.fasterxml.jackson.databind.JsonNode;
import io.jobfleet.collections.CollectionSettings;
import io.jobfleet.collections.ai.StudyAssistant;
import io.jobfleet.collections.sources.SourceChunk;
import io.jobfleet.collections.sources.SourceChunker;
import io.jobfleet.collections.store.CollectionReader;
import io.jobfleet.collections.store.CollectionRow;
import io.jobfleet.collections.store.CollectionStatus;
import io.jobfleet.collections.store.SourceRow;
import io.jobfleet.collections.store.StudySetWriter;
import io.jobfleet.collections.study.StudySet;
import io.jobfleet.collections.study.Targets;
import io.jobfleet.engine.JobContext;
import io.jobfleet.engine.JobFailure;
import io.jobfleet.engine.JobHandler;
import io.jobfleet.engine.JobOutcome;
import io.jobfleet.engine.PermanentJobException;
import io.jobfleet.engine.RetryableJobException;
import io.jobfleet.llm.LlmClient;
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

    public GenerateCollectionHandler(LlmClient llm, CollectionSettings settings) {
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
        long id = payload.collectionId();
        CollectionReader reader = new CollectionReader(ctx.jdbi());
        CollectionRow collection = reader.find(id).orElseThrow(() -> new PermanentJobException("not_found",
                "Study collection " + id + " does not exist; it may have been deleted."));
        if (payload.userId() != null && !payload.userId().equals(collection.userId())) {
            throw new PermanentJobException("wrong_user",
                    "Study collection " + id + " does not belong to user " + payload.userId() + ".");
        }
        List<SourceRow> sources = reader.sources(id, maxBytes);
        if (sources.stream().allMatch(SourceRow::isEmpty)) {
            throw new PermanentJobException("no_sources", NO_SOURCES);
        }
        ctx.fenced(CollectionStatus.processing(id));
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
        GenerationResult result = new GenerationResult(id, set.flashcards().size(), set.questions().size(),
                sourceCount, chunks.size(), new GenerationResult.Dropped(set.invalidCount(), set.duplicates()),
                generated.usage());
        return JobOutcome.done(result, new StudySetWriter(id, ctx.jobId(), set));
    }

    @Override
    public void onFailed(JsonNode payload, JobFailure failure, Handle handle) {
        JsonNode id = payload.path("collection_id");
        if (!id.isIntegralNumber() || !id.canConvertToLong()) {
            return;
        }
        JsonNode user = payload.path("user_id");
        String userId = user.isTextual() || user.isIntegralNumber() ? user.asText() : null;
        CollectionStatus.failed(handle, id.asLong(), userId, failure.message());
    }
}
