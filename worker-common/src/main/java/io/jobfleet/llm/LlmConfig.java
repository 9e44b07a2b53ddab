package io.jobfleet.llm;

import io.jobfleet.config.ConfigException;
import io.jobfleet.config.DurationConverter;
import io.jobfleet.config.Secret;
import java.time.Duration;
import okhttp3.HttpUrl;

/**
 * How to reach an OpenAI-compatible endpoint and how hard to try. Every field has a named
 * default (the {@code *_TEXT} constants are the same defaults as the flags read them); the
 * record validates when built, with messages that say what to change.
 *
 * @param baseUrl the API root, e.g. {@code https://api.openai.com/v1} (without {@code /chat/completions})
 * @param apiKey sent as {@code Authorization: Bearer}; empty for local servers that need none
 * @param temperature sent unless null (some reasoning models accept only their default)
 * @param maxInCallRetries extra attempts inside one call for transient errors
 * @param retryBackoff first wait between in-call attempts; doubles on each retry
 * @param limits the fleet-wide requests and tokens per minute, shared by every process through
 *               PostgreSQL ({@link SharedBuckets}); 0 leaves a limit to the operator's buckets
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
        Limits limits,
        Breaker breaker,
        long maxResponseBytes) {

    /** The simulator on this host ({@code jobfleet llm-sim}). */
    public static final String BASE_URL_DEFAULT = "http://127.0.0.1:8089/v1";
    public static final String MODEL_DEFAULT = "gpt-4o-mini";
    public static final double TEMPERATURE_DEFAULT = 0.2;
    public static final String CONNECT_TIMEOUT_DEFAULT_TEXT = "5s";
    public static final Duration CONNECT_TIMEOUT_DEFAULT = DurationConverter.parse(CONNECT_TIMEOUT_DEFAULT_TEXT);
    public static final String READ_TIMEOUT_DEFAULT_TEXT = "60s";
    public static final Duration READ_TIMEOUT_DEFAULT = DurationConverter.parse(READ_TIMEOUT_DEFAULT_TEXT);
    public static final String CALL_TIMEOUT_DEFAULT_TEXT = "120s";
    public static final Duration CALL_TIMEOUT_DEFAULT = DurationConverter.parse(CALL_TIMEOUT_DEFAULT_TEXT);
    public static final int MAX_IN_CALL_RETRIES_DEFAULT = 2;
    public static final int MAX_IN_CALL_RETRIES_MAX = 10;
    public static final Duration RETRY_BACKOFF_DEFAULT = Duration.ofMillis(500);
    public static final int REQUESTS_PER_MINUTE_DEFAULT = 0;
    public static final long MAX_RESPONSE_BYTES_DEFAULT = 8L * 1024 * 1024;
    /** A longer {@code Retry-After} ends the call (RATE_LIMITED) so the job is rescheduled instead. */
    public static final Duration MAX_IN_CALL_RETRY_AFTER = Duration.ofSeconds(10);

    /**
     * Fleet-wide limits of the provider: requests and tokens per minute, in the buckets
     * {@code llm:<name>:requests} and {@code llm:<name>:tokens} (name null: the endpoint's host).
     * A worker defines them from its flags unless the fleet has them already; 0 defines nothing
     * (an operator may still define them with {@code jobfleet rate-limit set}).
     */
    public record Limits(String name, int requestsPerMinute, long tokensPerMinute) {
        public static final Limits NONE = new Limits(null, 0, 0);

        public Limits {
            name = name == null || name.isBlank() ? null : name.strip();
            if (name != null && !name.matches("[A-Za-z0-9._-]{1,100}")) {
                throw ConfigException.invalid("--llm-rate-limit-name", "1-100 letters, digits, '.', '_' or '-'", name);
            }
            if (requestsPerMinute < 0) {
                throw ConfigException.invalid("--llm-rpm", "0 (no limit of its own) or positive", requestsPerMinute);
            }
            if (tokensPerMinute < 0) {
                throw ConfigException.invalid("--llm-tpm", "0 (no limit of its own) or positive", tokensPerMinute);
            }
        }
    }

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
        public static final String OPEN_WAIT_DEFAULT_TEXT = "30s";
        public static final Duration OPEN_WAIT_DEFAULT = DurationConverter.parse(OPEN_WAIT_DEFAULT_TEXT);
        public static final int HALF_OPEN_CALLS_DEFAULT = 3;

        public static Breaker defaults() {
            return new Breaker(FAILURE_RATE_THRESHOLD_DEFAULT, SLIDING_WINDOW_DEFAULT, MINIMUM_CALLS_DEFAULT,
                    OPEN_WAIT_DEFAULT, HALF_OPEN_CALLS_DEFAULT);
        }

        public Breaker {
            if (failureRateThreshold < 1 || failureRateThreshold > 100) {
                throw ConfigException.invalid("the LLM breaker failure rate threshold", "1-100 percent",
                        failureRateThreshold);
            }
            if (slidingWindow < 1) {
                throw ConfigException.invalid("the LLM breaker window", "at least 1 call", slidingWindow);
            }
            if (minimumCalls < 1) {
                throw ConfigException.invalid("the LLM breaker minimum calls", "at least 1", minimumCalls);
            }
            positive(openWait, "--llm-breaker-open-wait");
            if (halfOpenCalls < 1) {
                throw ConfigException.invalid("the LLM breaker half-open calls", "at least 1", halfOpenCalls);
            }
        }
    }

    public LlmConfig {
        apiKey = apiKey == null ? Secret.empty() : apiKey;
        breaker = breaker == null ? Breaker.defaults() : breaker;
        HttpUrl url = baseUrl == null ? null : HttpUrl.parse(baseUrl.strip());
        if (url == null) {
            throw ConfigException.invalid("--llm-base-url", "an http(s) URL such as https://api.openai.com/v1 or "
                    + "http://127.0.0.1:8000/v1", baseUrl == null || baseUrl.isBlank() ? null
                    : baseUrl.replaceAll("[?#].*$", "").replaceAll("^([^/]*//)?[^/@]*@", "$1"));
        }
        if (url.encodedPath().replaceAll("/+$", "").endsWith("/chat/completions")) {
            throw ConfigException.invalid("--llm-base-url", "the API root without /chat/completions, e.g. "
                    + endpointLabel(baseUrl).replaceAll("/chat/completions/?$", ""), endpointLabel(baseUrl));
        }
        if (model == null || model.isBlank()) {
            throw ConfigException.invalid("--llm-model", "a model name, e.g. " + MODEL_DEFAULT, model);
        }
        if (temperature != null && (temperature < 0 || temperature > 2)) {
            throw ConfigException.invalid("--llm-temperature", "between 0 and 2, or 'none'", temperature);
        }
        positive(connectTimeout, "--llm-connect-timeout");
        positive(readTimeout, "--llm-read-timeout");
        positive(callTimeout, "--llm-timeout");
        if (maxInCallRetries < 0 || maxInCallRetries > MAX_IN_CALL_RETRIES_MAX) {
            throw ConfigException.invalid("--llm-retries", "between 0 and " + MAX_IN_CALL_RETRIES_MAX,
                    maxInCallRetries);
        }
        if (retryBackoff == null || retryBackoff.isNegative()) {
            throw ConfigException.invalid("the LLM retry backoff", "a duration such as 500ms", retryBackoff);
        }
        limits = limits == null ? Limits.NONE : limits;
        if (maxResponseBytes < 1024) {
            throw ConfigException.invalid("--llm-max-response-bytes", "at least 1024", maxResponseBytes);
        }
    }

    public static LlmConfig defaults(String baseUrl, Secret apiKey) {
        return new LlmConfig(baseUrl, apiKey, MODEL_DEFAULT, TEMPERATURE_DEFAULT, CONNECT_TIMEOUT_DEFAULT,
                READ_TIMEOUT_DEFAULT, CALL_TIMEOUT_DEFAULT, MAX_IN_CALL_RETRIES_DEFAULT, RETRY_BACKOFF_DEFAULT,
                Limits.NONE, Breaker.defaults(), MAX_RESPONSE_BYTES_DEFAULT);
    }

    private static void positive(Duration d, String option) {
        if (d == null || d.isNegative() || d.isZero()) {
            throw ConfigException.invalid(option, "a positive duration such as 30s", d);
        }
    }

    /** The base URL without credentials or query, fit for logs and metric tags. */
    public String endpointLabel() {
        return endpointLabel(baseUrl);
    }

    /** {@code baseUrl} without credentials or query, fit for logs and messages. */
    public static String endpointLabel(String baseUrl) {
        HttpUrl url = baseUrl == null ? null : HttpUrl.parse(baseUrl.strip());
        if (url == null) {
            return "(invalid URL)";
        }
        return url.newBuilder().username("").password("").query(null).fragment(null).build()
                .toString().replaceAll("/+$", "");
    }

    public LlmConfig withApiKey(Secret newApiKey) {
        return new LlmConfig(baseUrl, newApiKey, model, temperature, connectTimeout, readTimeout, callTimeout,
                maxInCallRetries, retryBackoff, limits, breaker, maxResponseBytes);
    }

    public LlmConfig withModel(String newModel) {
        return new LlmConfig(baseUrl, apiKey, newModel, temperature, connectTimeout, readTimeout, callTimeout,
                maxInCallRetries, retryBackoff, limits, breaker, maxResponseBytes);
    }

    public LlmConfig withTemperature(Double newTemperature) {
        return new LlmConfig(baseUrl, apiKey, model, newTemperature, connectTimeout, readTimeout, callTimeout,
                maxInCallRetries, retryBackoff, limits, breaker, maxResponseBytes);
    }

    public LlmConfig withTimeouts(Duration connect, Duration read, Duration call) {
        return new LlmConfig(baseUrl, apiKey, model, temperature, connect, read, call,
                maxInCallRetries, retryBackoff, limits, breaker, maxResponseBytes);
    }

    public LlmConfig withRetries(int retries, Duration backoff) {
        return new LlmConfig(baseUrl, apiKey, model, temperature, connectTimeout, readTimeout, callTimeout,
                retries, backoff, limits, breaker, maxResponseBytes);
    }

    public LlmConfig withRequestsPerMinute(int rpm) {
        return withLimits(new Limits(limits.name(), rpm, limits.tokensPerMinute()));
    }

    public LlmConfig withLimits(Limits newLimits) {
        return new LlmConfig(baseUrl, apiKey, model, temperature, connectTimeout, readTimeout, callTimeout,
                maxInCallRetries, retryBackoff, newLimits, breaker, maxResponseBytes);
    }

    /** The fleet-wide requests per minute this worker defines; 0 = none of its own. */
    public int requestsPerMinute() {
        return limits.requestsPerMinute();
    }

    /** The name of this provider's buckets: {@code --llm-rate-limit-name}, else the endpoint's host. */
    public String limitName() {
        if (limits.name() != null) {
            return limits.name();
        }
        HttpUrl url = HttpUrl.parse(baseUrl.strip());
        return url == null ? "default" : url.host();
    }

    /** The bucket of this provider's requests, one per HTTP attempt. */
    public String requestsBucket() {
        return "llm:" + limitName() + ":requests";
    }

    /** The bucket of this provider's tokens, reserved per call and settled with its usage. */
    public String tokensBucket() {
        return "llm:" + limitName() + ":tokens";
    }

    public LlmConfig withBreaker(Breaker newBreaker) {
        return new LlmConfig(baseUrl, apiKey, model, temperature, connectTimeout, readTimeout, callTimeout,
                maxInCallRetries, retryBackoff, limits, newBreaker, maxResponseBytes);
    }

    public LlmConfig withMaxResponseBytes(long bytes) {
        return new LlmConfig(baseUrl, apiKey, model, temperature, connectTimeout, readTimeout, callTimeout,
                maxInCallRetries, retryBackoff, limits, breaker, bytes);
    }

    /** Shows the endpoint without credentials or query and never the key. */
    @Override
    public String toString() {
        return "LlmConfig[baseUrl=" + endpointLabel() + ", apiKey=" + apiKey + ", model=" + model
                + ", temperature=" + temperature + ", connectTimeout=" + connectTimeout + ", readTimeout="
                + readTimeout + ", callTimeout=" + callTimeout + ", maxInCallRetries=" + maxInCallRetries
                + ", retryBackoff=" + retryBackoff + ", limits=" + limits
                + ", breaker=" + breaker + ", maxResponseBytes=" + maxResponseBytes + "]";
    }
}
