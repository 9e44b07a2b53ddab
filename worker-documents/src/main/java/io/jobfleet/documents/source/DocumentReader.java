package io.jobfleet.documents.source;

import io.jobfleet.documents.config.DocumentsSettings;
import io.jobfleet.engine.JobException;
import io.jobfleet.engine.PermanentJobException;
import io.jobfleet.text.DocumentException;
import io.jobfleet.text.DocumentLoader;
import io.jobfleet.text.ExtractedText;
import io.jobfleet.text.LoadedDocument;
import io.jobfleet.text.TextExtractor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads an app row's file within the family's limits and extracts its text page by page. Every
 * failure comes out as a typed job failure with a message for the end user. Thread-safe; one per
 * worker process.
 */
public final class DocumentReader {
    private static final Logger log = LoggerFactory.getLogger(DocumentReader.class);

    private final DocumentLoader loader;
    private final TextExtractor extractor = new TextExtractor();

    public DocumentReader(DocumentsSettings settings) {
        this.loader = new DocumentLoader(settings.loaderLimits());
    }

    /**
     * The file's text.
     *
     * @throws JobException {@code no_content}, {@code empty_document}, or a document error
     *     ({@code not_found}, {@code unreadable}, {@code too_large}, {@code no_text_layer}, ...)
     */
    public ExtractedText read(StoredFile file) throws JobException {
        try {
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
}
