package io.jobfleet.engine;

/** This worker no longer holds the job (cancelled, rescued elsewhere, timed out, handed back). */
public final class JobLostException extends Exception {
    private static final long serialVersionUID = 1L;

    public JobLostException(String message) {
        super(message);
    }
}
