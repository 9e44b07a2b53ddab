package io.jobfleet.llm;

import io.jobfleet.config.DurationConverter;
import io.jobfleet.config.ConfigException;
import io.jobfleet.config.Secret;
import java.nio.file.Path;
import java.time.Duration;
import picocli.CommandLine.Help.Visibility;
import picocli.CommandLine.Option;

/**
 * The LLM options of a worker command, each with an environment variable; use as
 * {@code @Mixin LlmOptions llm;} and build the client from {@link #toConfig()}. The default
 * endpoint is the simulator on this host ({@code jobfleet llm-sim}).
 */
public class LlmOptions {
    @Option(names = "--llm-base-url", paramLabel = "URL",
            defaultValue = "${env:JOBFLEET_LLM_BASE_URL:-" + LlmConfig.BASE_URL_DEFAULT + "}",
            description = "OpenAI-compatible API root, without /chat/completions "
                    + "(env JOBFLEET_LLM_BASE_URL; default ${DEFAULT-VALUE}, the simulator).")
    String baseUrl;

    @Option(names = "--llm-api-key", paramLabel = "KEY", defaultValue = "${env:JOBFLEET_LLM_API_KEY}",
            showDefaultValue = Visibility.NEVER,
            description = "Discouraged: the API key itself, visible to every user of the host in ps (env "
                    + "JOBFLEET_LLM_API_KEY, in the process environment); use --llm-api-key-file.")
    String apiKey;

    @Option(names = "--llm-api-key-file", paramLabel = "FILE", defaultValue = "${env:JOBFLEET_LLM_API_KEY_FILE}",
            description = "File holding the API key, sent as a Bearer token; none for local servers that need "
                    + "none; wins over --llm-api-key (env JOBFLEET_LLM_API_KEY_FILE).")
    Path apiKeyFile;

    @Option(names = "--llm-model", paramLabel = "MODEL",
            defaultValue = "${env:JOBFLEET_LLM_MODEL:-" + LlmConfig.MODEL_DEFAULT + "}",
            description = "Model name (env JOBFLEET_LLM_MODEL; default ${DEFAULT-VALUE}).")
    String model;

    @Option(names = "--llm-temperature", paramLabel = "T",
            defaultValue = "${env:JOBFLEET_LLM_TEMPERATURE:-" + LlmConfig.TEMPERATURE_DEFAULT + "}",
            description = "Sampling temperature 0-2, or 'none' to send none "
                    + "(env JOBFLEET_LLM_TEMPERATURE; default ${DEFAULT-VALUE}).")
    String temperature;

    @Option(names = "--llm-timeout", paramLabel = "DURATION", converter = DurationConverter.class,
            defaultValue = "${env:JOBFLEET_LLM_TIMEOUT:-" + LlmConfig.CALL_TIMEOUT_DEFAULT_TEXT + "}",
            description = "Limit for one HTTP attempt, end to end (env JOBFLEET_LLM_TIMEOUT; default ${DEFAULT-VALUE}).")
    Duration callTimeout;

    @Option(names = "--llm-connect-timeout", paramLabel = "DURATION", converter = DurationConverter.class,
            defaultValue = "${env:JOBFLEET_LLM_CONNECT_TIMEOUT:-" + LlmConfig.CONNECT_TIMEOUT_DEFAULT_TEXT + "}",
            description = "Connect timeout (env JOBFLEET_LLM_CONNECT_TIMEOUT; default ${DEFAULT-VALUE}).")
    Duration connectTimeout;

    @Option(names = "--llm-read-timeout", paramLabel = "DURATION", converter = DurationConverter.class,
            defaultValue = "${env:JOBFLEET_LLM_READ_TIMEOUT:-" + LlmConfig.READ_TIMEOUT_DEFAULT_TEXT + "}",
            description = "Longest silence while reading the answer (env JOBFLEET_LLM_READ_TIMEOUT; "
                    + "default ${DEFAULT-VALUE}).")
    Duration readTimeout;

    @Option(names = "--llm-rpm", paramLabel = "N", defaultValue = "${env:JOBFLEET_LLM_RPM:-" + LlmConfig.REQUESTS_PER_MINUTE_DEFAULT + "}",
            description = "Requests per minute to the provider, fleet-wide: shared by every process through the "
                    + "bucket llm:NAME:requests in PostgreSQL, defined by the first worker unless an operator set it; "
                    + "0 = none of its own (env JOBFLEET_LLM_RPM; default ${DEFAULT-VALUE}).")
    int requestsPerMinute;

    @Option(names = "--llm-tpm", paramLabel = "N", defaultValue = "${env:JOBFLEET_LLM_TPM:-0}",
            description = "Tokens per minute to the provider, fleet-wide (bucket llm:NAME:tokens): each call reserves "
                    + "its estimate and settles it with the usage reported; 0 = none of its own "
                    + "(env JOBFLEET_LLM_TPM; default ${DEFAULT-VALUE}).")
    long tokensPerMinute;

    @Option(names = "--llm-rate-limit-name", paramLabel = "NAME", defaultValue = "${env:JOBFLEET_LLM_RATE_LIMIT_NAME}",
            description = "The NAME in the provider's buckets; processes with the same name share the limits "
                    + "(env JOBFLEET_LLM_RATE_LIMIT_NAME; default: the endpoint's host).")
    String rateLimitName;

    @Option(names = "--llm-retries", paramLabel = "N", defaultValue = "${env:JOBFLEET_LLM_RETRIES:-" + LlmConfig.MAX_IN_CALL_RETRIES_DEFAULT + "}",
            description = "Retries inside one call for rate limits, overload, timeouts and connection errors "
                    + "(env JOBFLEET_LLM_RETRIES; default ${DEFAULT-VALUE}).")
    int retries;

    @Option(names = "--llm-breaker-open-wait", paramLabel = "DURATION", converter = DurationConverter.class,
            defaultValue = "${env:JOBFLEET_LLM_BREAKER_OPEN_WAIT:-" + LlmConfig.Breaker.OPEN_WAIT_DEFAULT_TEXT + "}",
            description = "How long the circuit breaker stays open (and claiming paused) after repeated "
                    + "failures (env JOBFLEET_LLM_BREAKER_OPEN_WAIT; default ${DEFAULT-VALUE}).")
    Duration breakerOpenWait;

    @Option(names = "--llm-max-response-bytes", paramLabel = "BYTES",
            defaultValue = "${env:JOBFLEET_LLM_MAX_RESPONSE_BYTES:-" + LlmConfig.MAX_RESPONSE_BYTES_DEFAULT + "}",
            description = "Largest answer body read from the LLM; a larger one fails the call unread "
                    + "(env JOBFLEET_LLM_MAX_RESPONSE_BYTES; default ${DEFAULT-VALUE}, 8 MiB).")
    long maxResponseBytes = LlmConfig.MAX_RESPONSE_BYTES_DEFAULT;

    /** The configuration these options describe, validated. */
    public LlmConfig toConfig() {
        Secret key = Secret.fromValueOrFile(apiKey, apiKeyFile, "the LLM API key");
        LlmConfig.Breaker d = LlmConfig.Breaker.defaults();
        LlmConfig.Breaker breaker = new LlmConfig.Breaker(d.failureRateThreshold(), d.slidingWindow(),
                d.minimumCalls(), breakerOpenWait, d.halfOpenCalls());
        return LlmConfig.defaults(baseUrl == null ? null : baseUrl.strip(), key)
                .withModel(model)
                .withTemperature(parseTemperature())
                .withTimeouts(connectTimeout, readTimeout, callTimeout)
                .withRetries(retries, LlmConfig.RETRY_BACKOFF_DEFAULT)
                .withLimits(new LlmConfig.Limits(rateLimitName, requestsPerMinute, tokensPerMinute))
                .withBreaker(breaker)
                .withMaxResponseBytes(maxResponseBytes);
    }

    private Double parseTemperature() {
        if (temperature == null || temperature.isBlank() || temperature.equalsIgnoreCase("none")) {
            return null;
        }
        try {
            return Double.valueOf(temperature.strip());
        } catch (NumberFormatException e) {
            throw ConfigException.invalid("--llm-temperature", "a number between 0 and 2, or 'none'", temperature);
        }
    }

    @Override
    public String toString() {
        return "LlmOptions[" + LlmConfig.endpointLabel(baseUrl) + ", model=" + model + "]";
    }
}
