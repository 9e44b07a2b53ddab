package io.jobfleet.tracing;

/** The span of one LLM call (in-call retries included); set what is known, then {@link #end}. */
public interface CallSpan {
    CallSpan NONE = new CallSpan() {
        @Override
        public void answered(String responseModel, int promptTokens, int completionTokens) {
        }

        @Override
        public void http(int status, int retries) {
        }

        @Override
        public void failed(String errorClass) {
        }

        @Override
        public void end() {
        }
    };

    /** The provider answered: the model it names and the tokens it reports (the cost is estimated from them). */
    void answered(String responseModel, int promptTokens, int completionTokens);

    /** The last HTTP status (0: none came back) and how many in-call retries the call took. */
    void http(int status, int retries);

    /** The call failed with this error class, e.g. {@code rate_limited}. */
    void failed(String errorClass);

    void end();
}
