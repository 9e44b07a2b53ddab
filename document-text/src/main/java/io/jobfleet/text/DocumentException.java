package io.jobfleet.text;

import java.util.Objects;

/**
 * A document could not be loaded or its text could not be extracted. {@link #getMessage()} is
 * written for the end user ("The file is 31.2 MB; the limit is 20 MB."); {@link #errorCode()} is
 * the stable machine-readable code; {@link #retryable()} tells whether a later attempt may succeed.
 */
public final class DocumentException extends Exception {
    private static final long serialVersionUID = 1L;

    private final DocumentError code;

    public DocumentException(DocumentError code, String message) {
        this(code, message, null);
    }

    public DocumentException(DocumentError code, String message, Throwable cause) {
        super(Objects.requireNonNull(message, "message"), cause);
        this.code = Objects.requireNonNull(code, "code");
    }

    public DocumentError code() {
        return code;
    }

    public boolean retryable() {
        return code.retryable();
    }

    /** The code in snake_case, for example {@code "too_large"}. */
    public String errorCode() {
        return code.errorCode();
    }

    public static DocumentException tooLarge(long sizeBytes, long limitBytes) {
        return new DocumentException(DocumentError.TOO_LARGE, "The file is " + SizeText.of(sizeBytes)
                + "; the limit is " + SizeText.of(limitBytes) + ".");
    }

    static DocumentException tooLargeUnknownSize(long limitBytes) {
        return new DocumentException(DocumentError.TOO_LARGE,
                "The file is larger than " + SizeText.of(limitBytes) + ", the limit.");
    }

    static DocumentException notFound(String message) {
        return new DocumentException(DocumentError.NOT_FOUND, message);
    }

    static DocumentException refused(String message) {
        return new DocumentException(DocumentError.REFUSED, message);
    }

    static DocumentException unreadable(String message, Throwable cause) {
        return new DocumentException(DocumentError.UNREADABLE, message, cause);
    }

    static DocumentException unsupported(String message) {
        return new DocumentException(DocumentError.UNSUPPORTED_TYPE, message);
    }
}
