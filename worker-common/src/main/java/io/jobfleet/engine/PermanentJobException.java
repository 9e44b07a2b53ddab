package io.jobfleet.engine;

/** An error a retry cannot fix: the job ends {@code failed} after this attempt. */
public class PermanentJobException extends JobException {
    private static final long serialVersionUID = 1L;

    public PermanentJobException(String errorClass, String message) {
        super(errorClass, message, null);
    }

    public PermanentJobException(String errorClass, String message, Throwable cause) {
        super(errorClass, message, cause);
    }

    @Override
    public boolean retryable() {
        return false;
    }
}
