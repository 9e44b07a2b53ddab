package io.jobfleet.text;

/**
 * Limits for {@link TextExtractor}, so that a small file cannot make a huge document (bombs):
 * a PDF whose page tree claims billions of pages, a stream that inflates to gigabytes, a DOCX or
 * text that unpacks to more text than a job should send to a model.
 *
 * @param maxPages        pages read from one document (PDF pages, DOCX page breaks, text form feeds)
 * @param maxChars        characters of text extracted from one document
 * @param maxDecodedBytes bytes a document may unpack to: DOCX zip entries, PDF stream filters
 */
public record ExtractionLimits(int maxPages, long maxChars, long maxDecodedBytes) {
    public static final int DEFAULT_MAX_PAGES = 2_000;
    /** About 1,250,000 tokens, a few hundred chunks. */
    public static final long DEFAULT_MAX_CHARS = 5_000_000;
    public static final long DEFAULT_MAX_DECODED_BYTES = 100L * 1024 * 1024;

    public ExtractionLimits {
        if (maxPages < 1) {
            throw new IllegalArgumentException("maxPages must be at least 1, got " + maxPages);
        }
        if (maxChars < 1) {
            throw new IllegalArgumentException("maxChars must be at least 1, got " + maxChars);
        }
        if (maxDecodedBytes < 1) {
            throw new IllegalArgumentException("maxDecodedBytes must be at least 1, got " + maxDecodedBytes);
        }
    }

    public static ExtractionLimits defaults() {
        return new ExtractionLimits(DEFAULT_MAX_PAGES, DEFAULT_MAX_CHARS, DEFAULT_MAX_DECODED_BYTES);
    }

    public ExtractionLimits withMaxPages(int pages) {
        return new ExtractionLimits(pages, maxChars, maxDecodedBytes);
    }

    public ExtractionLimits withMaxChars(long chars) {
        return new ExtractionLimits(maxPages, chars, maxDecodedBytes);
    }

    public ExtractionLimits withMaxDecodedBytes(long bytes) {
        return new ExtractionLimits(maxPages, maxChars, bytes);
    }
}
