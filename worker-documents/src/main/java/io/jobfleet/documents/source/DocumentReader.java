package io.jobfleet.documents.source;

import io.jobfleet.documents.config.DocumentsSettings;
import io.jobfleet.engine.JobException;
import io.jobfleet.engine.PermanentJobException;
import io.jobfleet.text.Chunk;
import io.jobfleet.text.Chunker;
import io.jobfleet.text.DocumentException;
import io.jobfleet.text.DocumentLoader;
import io.jobfleet.text.ExtractedText;
import io.jobfleet.text.LoadedDocument;
import io.jobfleet.text.TextExtractor;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads an app row's file within the family's limits, extracts its text page by page and cuts it
 * into at most {@code maxChunks} chunks. Every failure comes out as a typed job failure with a
 * message for the end user. Thread-safe; one per worker process.
 */
public final class DocumentReader {
    private static final Logger log = LoggerFactory.getLogger(DocumentReader.class);

    private final DocumentLoader loader;
    private final TextExtractor extractor;
    private final Chunker chunker;
    private final int maxChunks;

    public DocumentReader(DocumentsSettings settings) {
        this.loader = new DocumentLoader(settings.loaderLimits());
        this.extractor = new TextExtractor(settings.access().extraction());
        this.chunker = new Chunker(settings.chunkChars());
        this.maxChunks = settings.maxChunks();
    }

    /** Stored files larger than this are not read from the database at all. */
    public long maxBytes() {
        return loader.limits().maxBytes();
    }

    /**
     * The file's text.
     *
     * @throws JobException {@code no_content}, {@code empty_document}, or a document error
     *     ({@code not_found}, {@code unreadable}, {@code too_large}, {@code no_text_layer}, ...)
     */
    public ExtractedText read(StoredFile file) throws JobException {
        try {
            if (file.contentSize() > maxBytes()) {
                throw DocumentException.tooLarge(file.contentSize(), maxBytes());
            }
            LoadedDocument document = loader.load(file.source());
            ExtractedText text = extractor.extract(document);
            log.debug("{}: {} as {}, {} pages", file.label(), document.name(), document.format(), text.pageCount());
            if (text.isBlank()) {
                throw new PermanentJobException("empty_document",
                        file.label() + " holds no text.");
            }
            return text;
        } catch (DocumentException e) {
            throw DocumentFailures.toJobException(e);
        }
    }

    /**
     * The text in page-marked chunks, one LLM request each.
     *
     * @throws PermanentJobException {@code too_long} past {@code --documents-max-chunks}
     */
    public List<Chunk> chunks(ExtractedText text) throws PermanentJobException {
        List<Chunk> chunks = chunker.chunk(text);
        if (chunks.size() > maxChunks) {
            throw new PermanentJobException("too_long", "The document is too long: it makes " + chunks.size()
                    + " parts of up to " + chunker.maxChars() + " characters; the limit is " + maxChunks + ".");
        }
        return chunks;
    }
}
