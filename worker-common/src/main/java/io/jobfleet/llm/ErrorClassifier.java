package io.jobfleet.llm;

import com.fasterxml.jackson.databind.JsonNode;
import io.jobfleet.config.Secret;
import io.jobfleet.engine.Payloads;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.regex.Pattern;
import okhttp3.Headers;

/**
 * Turns an unsuccessful HTTP answer into a typed {@link LlmException}, reading the status, the
 * retry headers and an OpenAI-style error body ({@code {"error":{"message","type","code"}}}, or
 * the flat shapes of vLLM and Ollama).
 */
final class ErrorClassifier {
    private static final Pattern CONTEXT_MESSAGE = Pattern.compile(
            "context[ _-]?length|maximum context|context window|too many tokens|prompt is too long"
                    + "|reduce the length");
    private static final Pattern QUOTA_MESSAGE = Pattern.compile("exceeded your current quota");

    private ErrorClassifier() {
    }

    /** What a provider said in its error body; any part may be empty. */
    record ProviderError(String type, String code, String message) {
        static final ProviderError NONE = new ProviderError("", "", null);

        static ProviderError parse(String body) {
            JsonNode root = Payloads.tree(body);
            if (!root.isObject()) {
                return NONE;
            }
            JsonNode error = root.path("error");
            JsonNode holder = error.isObject() ? error : root;
            String message = error.isTextual() ? error.asText() : text(holder.get("message"));
            return new ProviderError(text(holder.get("type")), text(holder.get("code")), message);
        }

        private static String text(JsonNode n) {
            return n == null || n.isNull() || n.isContainerNode() ? "" : n.asText();
        }

        boolean says(String what) {
            return what.equalsIgnoreCase(type) || what.equalsIgnoreCase(code);
        }
    }

    static LlmException fromResponse(int status, Headers headers, String body, Secret key) {
        ProviderError error = ProviderError.parse(body);
        Duration retryAfter = RetryAfter.parse(headers, Instant.now());
        if (status >= 300 && status < 400) {
            return new LlmException(LlmErrorType.INVALID_REQUEST, status, null, "the endpoint redirects elsewhere "
                    + "and redirects are not followed; set --llm-base-url to the final address", null);
        }
        LlmErrorType type = classify(status, error);
        String detail = Redaction.sanitize(error.message(), key);
        return new LlmException(type, status, retryAfter, detail, null);
    }

    static LlmErrorType classify(int status, ProviderError error) {
        String message = error.message() == null ? "" : error.message().toLowerCase(Locale.ROOT);
        boolean clientError = status >= 400 && status < 500;
        if (clientError && (error.says("insufficient_quota") || QUOTA_MESSAGE.matcher(message).find())) {
            return LlmErrorType.QUOTA_EXCEEDED;
        }
        if (clientError && status != 429 && (error.says("context_length_exceeded")
                || CONTEXT_MESSAGE.matcher(message).find())) {
            return LlmErrorType.CONTEXT_TOO_LONG;
        }
        if (clientError && (error.says("content_filter") || error.says("content_policy_violation"))) {
            return LlmErrorType.CONTENT_FILTERED;
        }
        return switch (status) {
            case 401, 403 -> LlmErrorType.AUTH;
            case 408, 504 -> LlmErrorType.TIMEOUT;
            case 429 -> LlmErrorType.RATE_LIMITED;
            case 409, 425 -> LlmErrorType.OVERLOADED;
            case 413 -> LlmErrorType.CONTEXT_TOO_LONG;
            default -> status >= 500 ? LlmErrorType.OVERLOADED
                    : clientError ? LlmErrorType.INVALID_REQUEST : LlmErrorType.OVERLOADED;
        };
    }
}
