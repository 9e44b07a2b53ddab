package io.jobfleet.text;

import java.util.Objects;

/**
 * Extracts the text of a {@link LoadedDocument} page by page: PDF through PDFBox, DOCX through
 * StAX on {@code word/document.xml}, text and Markdown as UTF-8 split on form feeds.
 * Thread-safe; share one instance.
 */
public final class TextExtractor {
    /** How much a DOCX may unpack to, so a zip bomb cannot exhaust memory or time. */
    public static final long DEFAULT_MAX_UNPACKED_BYTES = 100L * 1024 * 1024;

    private final PdfTextReader pdf = new PdfTextReader();
    private final DocxTextReader docx;
    private final PlainTextReader plain = new PlainTextReader();

    public TextExtractor() {
        this(DEFAULT_MAX_UNPACKED_BYTES);
    }

    public TextExtractor(long maxUnpackedBytes) {
        if (maxUnpackedBytes <= 0) {
            throw new IllegalArgumentException("maxUnpackedBytes must be positive, got " + maxUnpackedBytes);
        }
        this.docx = new DocxTextReader(maxUnpackedBytes);
    }

    /**
     * @throws DocumentException {@link DocumentError#UNREADABLE} for corrupt or encrypted files,
     *     {@link DocumentError#NO_TEXT_LAYER} for scanned PDFs, {@link DocumentError#TOO_LARGE}
     *     for a DOCX that unpacks past the limit
     */
    public ExtractedText extract(LoadedDocument document) throws DocumentException {
        Objects.requireNonNull(document, "document");
        return switch (document.format()) {
            case PDF -> pdf.read(document.bytes());
            case DOCX -> docx.read(document.bytes());
            case TEXT, MARKDOWN -> plain.read(document.bytes());
        };
    }
}
