package io.jobfleet.text;

/** Unwinds a reader from inside a parser's callbacks with the reason as a {@link DocumentException}. */
final class ExtractionStopped extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient DocumentException reason;

    ExtractionStopped(DocumentException reason) {
        super(reason.getMessage(), null, false, false);
        this.reason = reason;
    }

    DocumentException reason() {
        return reason;
    }
}
