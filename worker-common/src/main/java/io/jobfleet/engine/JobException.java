package io.jobfleet.engine;

/**
 * A typed failure of an attempt: an error class ({@code timeout}, {@code bad_payload},
 * {@code rate_limited}, ...) and a message fit to show the app's user.
 */
public abstract class JobException extends Exception {
    private static final long serialVersionUID = 1L;
    private final String errorClass;

    protected JobException(String errorClass, String message, Throwable cause) {
        super(message, cause);
        this.errorClass = errorClass;
    }

    public String errorClass() {
        return errorClass;
    }

    public abstract boolean retryable();
}
