package io.jobfleet.tracing;

import io.jobfleet.config.ConfigException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Map;

/**
 * Where and how a worker exports its spans over OTLP/HTTP (docs/tracing.md). Off unless an
 * endpoint is set.
 *
 * @param endpoint    the collector's OTLP/HTTP root, e.g. {@code http://otel-collector:4318}
 *                    ({@code /v1/traces} is appended unless the URL already ends with it); null: off
 * @param headers     sent with every export, e.g. a backend's API key ({@code OTEL_EXPORTER_OTLP_HEADERS})
 * @param serviceName the resource's {@code service.name}; null: {@code worker-<family>}
 * @param sampleRatio the share of new traces recorded (jobs without a traceparent); a job with one
 *                    follows the app's sampled flag
 * @param prices      for the estimated cost on LLM call spans
 */
public record TracingConfig(String endpoint, Map<String, String> headers, String serviceName, double sampleRatio,
                            LlmPrices prices) {
    public static final double SAMPLE_RATIO_DEFAULT = 1.0;
    public static final String TRACES_PATH = "/v1/traces";
    public static final TracingConfig OFF = new TracingConfig(null, Map.of(), null, SAMPLE_RATIO_DEFAULT, LlmPrices.NONE);

    public TracingConfig {
        endpoint = endpoint == null || endpoint.isBlank() ? null : tracesUrl(endpoint.strip());
        headers = headers == null ? Map.of() : Map.copyOf(headers);
        serviceName = serviceName == null || serviceName.isBlank() ? null : serviceName.strip();
        if (!(sampleRatio >= 0 && sampleRatio <= 1)) {
            throw ConfigException.invalid("--otel-sample-ratio", "between 0 and 1", sampleRatio);
        }
        prices = prices == null ? LlmPrices.NONE : prices;
    }

    /** Exporting to {@code endpoint}, the other settings at their defaults. */
    public static TracingConfig to(String endpoint) {
        return new TracingConfig(endpoint, Map.of(), null, SAMPLE_RATIO_DEFAULT, LlmPrices.NONE);
    }

    public boolean enabled() {
        return endpoint != null;
    }

    /** The service name of {@code family}'s processes: the configured one, else {@code worker-<family>}. */
    public String serviceName(String family) {
        return serviceName != null ? serviceName : "worker-" + family;
    }

    public TracingConfig withPrices(LlmPrices p) {
        return new TracingConfig(endpoint, headers, serviceName, sampleRatio, p);
    }

    public TracingConfig withServiceName(String name) {
        return new TracingConfig(endpoint, headers, name, sampleRatio, prices);
    }

    private static String tracesUrl(String endpoint) {
        URI uri;
        try {
            uri = new URI(endpoint);
        } catch (URISyntaxException e) {
            uri = null;
        }
        if (uri == null || uri.getHost() == null
                || !("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()))) {
            throw ConfigException.invalid("--otel-endpoint", "the http(s) URL of an OTLP/HTTP receiver, e.g. "
                    + "http://otel-collector:4318", endpoint);
        }
        String base = endpoint.endsWith("/") ? endpoint.substring(0, endpoint.length() - 1) : endpoint;
        return base.endsWith(TRACES_PATH) ? base : base + TRACES_PATH;
    }

    @Override
    public String toString() {
        // the headers may hold an API key
        return "TracingConfig[" + (endpoint == null ? "off" : endpoint) + ", headers=" + headers.keySet()
                + ", service=" + serviceName + ", sampleRatio=" + sampleRatio + ", " + prices + "]";
    }
}
