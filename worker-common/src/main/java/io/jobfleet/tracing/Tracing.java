package io.jobfleet.tracing;

/**
 * The spans of one worker process: one per attempt, one per LLM call made under it. The engine
 * and the LLM client see only this interface; {@link #OFF} (tracing not configured) does nothing
 * and allocates nothing, and the OpenTelemetry implementation lives in {@code tracing.otel}.
 */
public interface Tracing extends AutoCloseable {
    /** Tracing off: every span is {@link AttemptSpan#NONE} or {@link CallSpan#NONE}. */
    Tracing OFF = new Tracing() {
        @Override
        public AttemptSpan attempt(AttemptStart start) {
            return AttemptSpan.NONE;
        }

        @Override
        public CallSpan llmCall(String model) {
            return CallSpan.NONE;
        }

        @Override
        public boolean enabled() {
            return false;
        }

        @Override
        public void close() {
        }

        @Override
        public String toString() {
            return "Tracing.OFF";
        }
    };

    /**
     * Starts the span of one attempt: a child of the job's traceparent when it is a valid W3C one,
     * else the root of a new trace. It becomes the parent of LLM calls only while
     * {@link AttemptSpan#activate() activated} on the calling thread.
     */
    AttemptSpan attempt(AttemptStart start);

    /** Starts the span of one LLM call, a child of the attempt span active on this thread (if any). */
    CallSpan llmCall(String model);

    /** Whether spans are recorded and exported at all. */
    boolean enabled();

    /** Exports what is left and stops; idempotent. */
    @Override
    void close();

    /** What an attempt span is made of; {@code traceparent} is the app's raw value, possibly null or malformed. */
    record AttemptStart(long jobId, String queue, String kind, int attempt, String workerId, String traceparent) {
    }

    /** Ends an activation: the span is no longer current on this thread (it is not ended). */
    interface Scope extends AutoCloseable {
        Scope NONE = () -> { };

        @Override
        void close();
    }
}
