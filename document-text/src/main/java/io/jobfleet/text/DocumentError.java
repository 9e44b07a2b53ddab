package io.jobfleet.text;

import java.util.Locale;

/**
 * Why a document could not be loaded or read. Only {@link #DOWNLOAD_FAILED} is worth retrying:
 * every other code describes the document or the request, which a retry does not change.
 */
public enum DocumentError {
    /** The file does not exist, or the server answered 404 or 410. */
    NOT_FOUND(false),
    /** An I/O error while reading a local file, or a corrupt, encrypted or malformed document. */
    UNREADABLE(false),
    /** The document is bigger than the configured limit (or unpacks to more than the limit). */
    TOO_LARGE(false),
    /** The content type or the bytes are not PDF, DOCX, plain text or Markdown. */
    UNSUPPORTED_TYPE(false),
    /** A PDF whose pages carry (almost) no text: most likely scanned, and OCR is not supported. */
    NO_TEXT_LAYER(false),
    /** The server answered another 4xx status, a redirect without target, or too many redirects. */
    HTTP_ERROR(false),
    /** A 5xx status, 408/429, a timeout or a connection error: may work on a later attempt. */
    DOWNLOAD_FAILED(true),
    /** The location is not allowed: a path outside the allowed base directory, or a bad scheme. */
    REFUSED(false);

    private final boolean retryable;

    DocumentError(boolean retryable) {
        this.retryable = retryable;
    }

    public boolean retryable() {
        return retryable;
    }

    /** The code in snake_case, for job results and metrics: {@code "no_text_layer"}. */
    public String errorCode() {
        return name().toLowerCase(Locale.ROOT);
    }
}
