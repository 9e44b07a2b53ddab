package io.jobfleet.llm;

import java.time.Duration;

/**
 * The end-user messages of {@link LlmException}: short, no URLs, no keys, no stack traces. They
 * describe the error; whether the job will be retried is added by the engine.
 */
final class ErrorMessages {
    private ErrorMessages() {
    }

    static String userMessage(LlmErrorType type, int status, Duration retryAfter, String detail) {
        String http = status > 0 ? " (HTTP " + status + ")" : "";
        return switch (type) {
            case RATE_LIMITED -> "The AI service is rate limiting requests" + askedToWait(retryAfter);
            case OVERLOADED -> "The AI service is overloaded or failing" + http + askedToWait(retryAfter);
            case TIMEOUT -> "The AI service did not answer in time.";
            case CONNECTION -> "The AI service could not be reached.";
            case AUTH -> "The AI service rejected the worker's credentials" + http
                    + "; an operator must fix the LLM API key.";
            case INVALID_REQUEST -> "The AI service rejected the request" + http + withDetail(detail);
            case CONTEXT_TOO_LONG -> "The input is too long for the AI model; shorten it or use a model "
                    + "with a larger context.";
            case CONTENT_FILTERED -> "The AI service refused the content because of its content policy.";
            case QUOTA_EXCEEDED -> "The AI service's quota or billing limit is exhausted; an operator "
                    + "must raise it.";
            case MALFORMED_OUTPUT -> "The AI answer was not in the expected format" + inParens(detail) + ".";
            case CIRCUIT_OPEN -> "The AI service is failing repeatedly; new requests are paused"
                    + (retryAfter == null ? "." : " for " + seconds(retryAfter) + ".");
            case CANCELLED -> "The AI request was cancelled.";
        };
    }

    /**
     * Whether the job is retried is the engine's to say (it knows the attempts left), so the
     * message only tells what the service asked for.
     */
    private static String askedToWait(Duration retryAfter) {
        return retryAfter == null ? "." : " (it asked to wait " + seconds(retryAfter) + ").";
    }

    static String seconds(Duration d) {
        long s = (d.toMillis() + 999) / 1000;
        return s + " s";
    }

    private static String withDetail(String detail) {
        return detail == null || detail.isBlank() ? "." : ": " + detail;
    }

    private static String inParens(String detail) {
        return detail == null || detail.isBlank() ? "" : " (" + detail + ")";
    }
}
