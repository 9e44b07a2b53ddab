package io.jobfleet.text;

import java.util.Objects;

/**
 * Extracts the text of a {@link LoadedDocument} page by page: PDF through PDFBox, DOCX through
 * StAX on {@code word/document.xml}, text and Markdown as UTF-8 split on form feeds. Everything
 * stays within the {@link ExtractionLimits}, and an interrupted thread stops the extraction.
 * Thread-safe; share one instance.
 */
public final class TextExtractor {
    private final ExtractionLimits limits;
    private final PdfTextReader pdf = new PdfTextReader();
    private final DocxTextReader docx = new DocxTextReader();
    private final PlainTextReader plain = new PlainTextReader();

    public TextExtractor() {
        this(ExtractionLimits.defaults());
    }

    public TextExtractor(ExtractionLimits limits) {
        this.limits = Objects.requireNonNull(limits, "limits");
    }

    public ExtractionLimits limits() {
        return limits;
    }

    /**
     * @throws DocumentException {@link DocumentError#UNREADABLE} for corrupt or encrypted files (or
     *     when the thread was interrupted), {@link DocumentError#NO_TEXT_LAYER} for scanned PDFs,
     *     {@link DocumentError#TOO_LARGE} past a page, character or decoded-bytes limit
     */
    public ExtractedText extract(LoadedDocument document) throws DocumentException {
        Objects.requireNonNull(document, "document");
        ExtractionBudget budget = new ExtractionBudget(limits);
        try {
            return switch (document.format()) {
                case PDF -> pdf.read(document.bytes(), budget);
                case DOCX -> docx.read(document.bytes(), budget);
                case TEXT, MARKDOWN -> plain.read(document.bytes(), budget);
            };
        } catch (ExtractionStopped e) {
            throw e.reason();
        }
    }
}
