package io.jobfleet.tracing;

/** The span of one attempt; ended once, by the first {@link #end}. */
public interface AttemptSpan {
    AttemptSpan NONE = new AttemptSpan() {
        @Override
        public Tracing.Scope activate() {
            return Tracing.Scope.NONE;
        }

        @Override
        public void end(String outcome, String errorClass) {
        }
    };

    /** How an attempt ended, as the span's {@code jobfleet.outcome} attribute says it. */
    String COMPLETED = "completed";
    String RETRYING = "retrying";
    String FAILED = "failed";
    String SNOOZED = "snoozed";
    /** Cancelled, unlocked or rescued while it ran: its outcome was discarded. */
    String LOST = "lost";
    /** Given back to pending by a shutdown, uncharged. */
    String HANDED_BACK = "handed_back";
    /** Its end could not be stored; the lease will expire and the job runs again. */
    String NOT_STORED = "not_stored";

    /** Makes this span current on this thread (for the LLM calls of the handler) until the scope closes. */
    Tracing.Scope activate();

    /**
     * Ends the span with its outcome and, for a failure, the error class (as in the job's
     * {@code errors}); later calls do nothing. Any thread may end it.
     */
    void end(String outcome, String errorClass);
}
