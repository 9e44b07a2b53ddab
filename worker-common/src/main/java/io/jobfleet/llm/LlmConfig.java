package io.jobfleet.llm;

import io.jobfleet.config.ConfigException;
import io.jobfleet.config.Secret;
import java.time.Duration;
import okhttp3.HttpUrl;

/**
 * How to reach an OpenAI-compatible endpoint and how hard to try. Every field has a named
 * default; {@link #validate()} says what to change when a value cannot work.
 *
 * @param baseUrl the API root, e.g. {@code https://api.openai.com/v1} (without {@code /chat/completions})
 * @param apiKey sent as {@code Authorization: Bearer}; empty for local servers that need none
 * @param temperature sent unless null (some reasoning models accept only their default)
 * @param maxInCallRetries extra attempts inside one call for transient errors
 * @param retryBackoff first wait between in-call attempts; doubles on each retry
 * @param requestsPerMinute client-side pacing per process; 0 = unlimited
 * @param maxResponseBytes the largest answer body read; a larger one fails the call, unread
 */
public record LlmConfig(
        String baseUrl,
        Secret apiKey,
        String model,
        Double temperature,
        Duration connectTimeout,
        Duration readTimeout,
        Duration callTimeout,
        int maxInCallRetries,
        Duration retryBackoff,
        int requestsPerMinute,
        Breaker breaker,
        long maxResponseBytes) {

    public static final String MODEL_DEFAULT = "gpt-4o-mini";
    public static final Double TEMPERATURE_DEFAULT = 0.2;
    public static final Duration CONNECT_TIMEOUT_DEFAULT = Duration.ofSeconds(5);
    public static final Duration READ_TIMEOUT_DEFAULT = Duration.ofSeconds(60);
    public static final Duration CALL_TIMEOUT_DEFAULT = Duration.ofSeconds(120);
    public static final int MAX_IN_CALL_RETRIES_DEFAULT = 2;
    public static final Duration RETRY_BACKOFF_DEFAULT = Duration.ofMillis(500);
    public static final int REQUESTS_PER_MINUTE_DEFAULT = 0;
    public static final long MAX_RESPONSE_BYTES_DEFAULT = 8L * 1024 * 1024;
    /** A longer {@code Retry-After} ends the call (RATE_LIMITED) so the job is rescheduled instead. */
    public static final Duration MAX_IN_CALL_RETRY_AFTER = Duration.ofSeconds(10);

    /**
     * The endpoint's circuit breaker: it opens when {@code failureRateThreshold} percent of the
     * last {@code slidingWindow} calls (at least {@code minimumCalls}) failed transiently, rejects
     * calls for {@code openWait}, then lets {@code halfOpenCalls} trial calls through.
     */
    public record Breaker(int failureRateThreshold, int slidingWindow, int minimumCalls, Duration openWait,
                          int halfOpenCalls) {
        public static final int FAILURE_RATE_THRESHOLD_DEFAULT = 50;
        public static final int SLIDING_WINDOW_DEFAULT = 20;
        public static final int MINIMUM_CALLS_DEFAULT = 10;
        public static final Duration OPEN_WAIT_DEFAULT = Duration.ofSeconds(30);
        public static final int HALF_OPEN_CALLS_DEFAULT = 3;

        public static Breaker defaults() {
            return new Breaker(FAILURE_RATE_THRESHOLD_DEFAULT, SLIDING_WINDOW_DEFAULT, MINIMUM_CALLS_DEFAULT,
                    OPEN_WAIT_DEFAULT, HALF_OPEN_CALLS_DEFAULT);
        }

        void validate() {
            if (failureRateThreshold < 1 || failureRateThreshold > 100) {
                throw new ConfigException("the LLM breaker failure rate threshold must be 1-100 percent (got "
                        + failureRateThreshold + ")");
            }
            if (slidingWindow < 1 || minimumCalls < 1) {
                throw new ConfigException("the LLM breaker window and minimum calls must be at least 1");
            }
            if (openWait == null || openWait.isNegative() || openWait.isZero()) {
                throw new ConfigException("the LLM breaker open wait must be positive");
            }
            if (halfOpenCalls < 1) {
                throw new ConfigException("the LLM breaker must permit at least 1 half-open call");
            }
        }
    }

    public LlmConfig {
        apiKey = apiKey == null ? Secret.empty() : apiKey;
        breaker = breaker == null ? Breaker.defaults() : breaker;
    }

    public static LlmConfig defaults(String baseUrl, Secret apiKey) {
        return new LlmConfig(baseUrl, apiKey, MODEL_DEFAULT, TEMPERATURE_DEFAULT, CONNECT_TIMEOUT_DEFAULT,
                READ_TIMEOUT_DEFAULT, CALL_TIMEOUT_DEFAULT, MAX_IN_CALL_RETRIES_DEFAULT, RETRY_BACKOFF_DEFAULT,
                REQUESTS_PER_MINUTE_DEFAULT, Breaker.defaults(), MAX_RESPONSE_BYTES_DEFAULT);
    }

    public LlmConfig validate() {
        HttpUrl url = baseUrl == null ? null : HttpUrl.parse(baseUrl.strip());
        if (url == null) {
            throw new ConfigException("--llm-base-url must be an http(s) URL such as https://api.openai.com/v1 "
                    + "or http://127.0.0.1:8000/v1" + (baseUrl == null || baseUrl.isBlank() ? " (it is empty)" : ""));
        }
        if (url.encodedPath().replaceAll("/+$", "").endsWith("/chat/completions")) {
            throw new ConfigException("--llm-base-url must be the API root without /chat/completions, e.g. "
                    + endpointLabel().replaceAll("/chat/completions/?$", ""));
        }
        if (model == null || model.isBlank()) {
            throw new ConfigException("--llm-model is required, e.g. " + MODEL_DEFAULT);
        }
        if (temperature != null && (temperature < 0 || temperature > 2)) {
            throw new ConfigException("--llm-temperature must be between 0 and 2 (got " + temperature + ")");
        }
        positive(connectTimeout, "--llm-connect-timeout");
        positive(readTimeout, "--llm-read-timeout");
        positive(callTimeout, "--llm-timeout");
        if (maxInCallRetries < 0 || maxInCallRetries > 10) {
            throw new ConfigException("--llm-retries must be between 0 and 10 (got " + maxInCallRetries + ")");
        }
        if (retryBackoff == null || retryBackoff.isNegative()) {
            throw new ConfigException("the LLM retry backoff must not be negative");
        }
        if (requestsPerMinute < 0) {
            throw new ConfigException("--llm-rpm must be 0 (unlimited) or positive (got " + requestsPerMinute + ")");
        }
        if (maxResponseBytes < 1024) {
            throw new ConfigException("--llm-max-response-bytes must be at least 1024 (got " + maxResponseBytes + ")");
        }
        breaker.validate();
        return this;
    }

    private static void positive(Duration d, String option) {
        if (d == null || d.isNegative() || d.isZero()) {
            throw new ConfigException(option + " must be a positive duration such as 30s (got " + d + ")");
        }
    }

    /** The base URL without credentials or query, fit for logs and metric tags. */
    public String endpointLabel() {
        HttpUrl url = baseUrl == null ? null : HttpUrl.parse(baseUrl.strip());
        if (url == null) {
            return "(invalid URL)";
        }
        return url.newBuilder().username("").password("").query(null).fragment(null).build()
                .toString().replaceAll("/+$", "");
    }

    public LlmConfig withApiKey(Secret newApiKey) {
        return new LlmConfig(baseUrl, newApiKey, model, temperature, connectTimeout, readTimeout, callTimeout,
                maxInCallRetries, retryBackoff, requestsPerMinute, breaker, maxResponseBytes);
    }

    public LlmConfig withModel(String newModel) {
        return new LlmConfig(baseUrl, apiKey, newModel, temperature, connectTimeout, readTimeout, callTimeout,
                maxInCallRetries, retryBackoff, requestsPerMinute, breaker, maxResponseBytes);
    }

    public LlmConfig withTemperature(Double newTemperature) {
        return new LlmConfig(baseUrl, apiKey, model, newTemperature, connectTimeout, readTimeout, callTimeout,
                maxInCallRetries, retryBackoff, requestsPerMinute, breaker, maxResponseBytes);
    }

    public LlmConfig withTimeouts(Duration connect, Duration read, Duration call) {
        return new LlmConfig(baseUrl, apiKey, model, temperature, connect, read, call,
                maxInCallRetries, retryBackoff, requestsPerMinute, breaker, maxResponseBytes);
    }

    public LlmConfig withRetries(int retries, Duration backoff) {
        return new LlmConfig(baseUrl, apiKey, model, temperature, connectTimeout, readTimeout, callTimeout,
                retries, backoff, requestsPerMinute, breaker, maxResponseBytes);
    }

    public LlmConfig withRequestsPerMinute(int rpm) {
        return new LlmConfig(baseUrl, apiKey, model, temperature, connectTimeout, readTimeout, callTimeout,
                maxInCallRetries, retryBackoff, rpm, breaker, maxResponseBytes);
    }

    public LlmConfig withBreaker(Breaker newBreaker) {
        return new LlmConfig(baseUrl, apiKey, model, temperature, connectTimeout, readTimeout, callTimeout,
                maxInCallRetries, retryBackoff, requestsPerMinute, newBreaker, maxResponseBytes);
    }

    public LlmConfig withMaxResponseBytes(long bytes) {
        return new LlmConfig(baseUrl, apiKey, model, temperature, connectTimeout, readTimeout, callTimeout,
                maxInCallRetries, retryBackoff, requestsPerMinute, breaker, bytes);
    }

    /** Shows the endpoint without credentials or query and never the key. */
    @Override
    public String toString() {
        return "LlmConfig[baseUrl=" + endpointLabel() + ", apiKey=" + apiKey + ", model=" + model
                + ", temperature=" + temperature + ", connectTimeout=" + connectTimeout + ", readTimeout="
                + readTimeout + ", callTimeout=" + callTimeout + ", maxInCallRetries=" + maxInCallRetries
                + ", retryBackoff=" + retryBackoff + ", requestsPerMinute=" + requestsPerMinute
                + ", breaker=" + breaker + ", maxResponseBytes=" + maxResponseBytes + "]";
    }
}
