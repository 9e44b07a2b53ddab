package io.jobfleet.collections.sources;

import io.jobfleet.collections.store.SourceRow;
import io.jobfleet.engine.JobException;
import io.jobfleet.engine.PermanentJobException;
import io.jobfleet.engine.RetryableJobException;
import io.jobfleet.text.DocumentException;
import io.jobfleet.text.DocumentLoader;
import io.jobfleet.text.DocumentSource;
import io.jobfleet.text.ExtractedText;
import io.jobfleet.text.LoadedDocument;
import io.jobfleet.text.Page;
import io.jobfleet.text.TextExtractor;
import java.util.List;

/**
 * Reads one source's text: pasted text as is (one page), documents through document-text from
 * their stored bytes or, without bytes, from their location. A document that cannot be read fails
 * the job with the document's own message, prefixed by which source it is.
 */
final class SourceLoader {
    private final DocumentLoader loader;
    private final TextExtractor extractor;

    SourceLoader(DocumentLoader loader, TextExtractor extractor) {
        this.loader = loader;
        this.extractor = extractor;
    }

    SourceText load(SourceRow row, int number) throws JobException {
        if (!row.isDocument()) {
            return new SourceText(number, SourceText.PASTED, false, new ExtractedText(List.of(new Page(1, row.text()))));
        }
        try {
            if (row.contentSize() > loader.limits().maxBytes()) {
                throw DocumentException.tooLarge(row.contentSize(), loader.limits().maxBytes());
            }
            LoadedDocument document = row.hasContent()
                    ? loader.load(new DocumentSource.StoredBytes(row.content(), row.fileName(), row.contentType()))
                    : loader.load(row.location());
            String name = row.fileName() == null || row.fileName().isBlank() ? document.name() : row.fileName();
            return new SourceText(number, name, true, extractor.extract(document));
        } catch (DocumentException e) {
            String message = "Source " + number + describe(row) + " could not be read: " + e.getMessage();
            if (e.retryable()) {
                throw new RetryableJobException(e.errorCode(), message, null, e);
            }
            throw new PermanentJobException(e.errorCode(), message, e);
        }
    }

    private static String describe(SourceRow row) {
        return row.fileName() == null || row.fileName().isBlank() ? "" : " (" + row.fileName() + ")";
    }
}
