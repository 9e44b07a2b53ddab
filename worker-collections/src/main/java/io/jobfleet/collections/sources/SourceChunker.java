package io.jobfleet.collections.sources;

import io.jobfleet.collections.CollectionSettings;
import io.jobfleet.collections.store.SourceRow;
import io.jobfleet.engine.JobException;
import io.jobfleet.engine.PermanentJobException;
import io.jobfleet.text.Chunk;
import io.jobfleet.text.Chunker;
import io.jobfleet.text.DocumentLoader;
import io.jobfleet.text.TextExtractor;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns a collection's sources into chunks of at most {@code --collections-chunk-chars}
 * characters, in source order. Empty sources are skipped; a collection with more than
 * {@code --collections-max-chunks} chunks fails. Thread-safe: one per worker.
 */
public final class SourceChunker {
    private final SourceLoader loader;
    private final Chunker chunker;
    private final int maxChunks;

    public SourceChunker(CollectionSettings settings) {
        this.loader = new SourceLoader(new DocumentLoader(settings.loaderLimits()), new TextExtractor(settings.access().extraction()));
        this.chunker = new Chunker(settings.chunkChars());
        this.maxChunks = settings.maxChunks();
    }

    /** The chunks of all non-empty sources; empty when no source holds any text. */
    public List<SourceChunk> chunks(List<SourceRow> rows) throws JobException {
        List<SourceChunk> out = new ArrayList<>();
        int number = 0;
        for (SourceRow row : rows) {
            number++;
            if (row.isEmpty()) {
                continue;
            }
            SourceText source = loader.load(row, number);
            for (Chunk chunk : chunker.chunk(source.text())) {
                out.add(new SourceChunk(source.name(), source.reference(chunk.firstPage(), chunk.lastPage()), chunk));
            }
            if (out.size() > maxChunks) {
                throw new PermanentJobException("too_long", "The sources are too long: they make more than "
                        + maxChunks + " parts of up to " + chunker.maxChars() + " characters, the limit. "
                        + "Remove some sources or split the collection.");
            }
        }
        return out;
    }
}
