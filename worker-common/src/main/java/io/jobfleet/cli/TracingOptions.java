package io.jobfleet.cli;

import io.jobfleet.config.ConfigException;
import io.jobfleet.tracing.LlmPrices;
import io.jobfleet.tracing.TracingConfig;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * Flags of the OpenTelemetry traces of {@code run} (docs/tracing.md). Each falls back to
 * OpenTelemetry's own environment variable when neither the flag nor its {@code JOBFLEET_*}
 * variable is set, so a worker joins an existing setup as it is.
 */
public final class TracingOptions {
    @Option(names = "--otel-endpoint", paramLabel = "URL", defaultValue = "${env:JOBFLEET_OTEL_ENDPOINT}",
            description = "OTLP/HTTP receiver of the traces, e.g. http://otel-collector:4318 (/v1/traces is "
                    + "appended); unset: no traces (env JOBFLEET_OTEL_ENDPOINT, else OTEL_EXPORTER_OTLP_ENDPOINT).")
    String endpoint;

    @Option(names = "--otel-service-name", paramLabel = "NAME", defaultValue = "${env:JOBFLEET_OTEL_SERVICE_NAME}",
            description = "service.name of the spans (env JOBFLEET_OTEL_SERVICE_NAME, else OTEL_SERVICE_NAME; "
                    + "default worker-<family>, e.g. worker-ai).")
    String serviceName;

    @Option(names = "--otel-sample-ratio", paramLabel = "RATIO",
            defaultValue = "${env:JOBFLEET_OTEL_SAMPLE_RATIO:-" + TracingConfig.SAMPLE_RATIO_DEFAULT + "}",
            description = "Share of jobs without a traceparent whose attempts are traced, 0-1; a job with one "
                    + "follows the app's sampled flag (env JOBFLEET_OTEL_SAMPLE_RATIO; default ${DEFAULT-VALUE}).")
    double sampleRatio = TracingConfig.SAMPLE_RATIO_DEFAULT;

    @Option(names = "--llm-prices", paramLabel = "MODEL=IN/OUT,...", defaultValue = "${env:JOBFLEET_LLM_PRICES}",
            description = "US dollars per million prompt/completion tokens by model (* for any other), for the "
                    + "estimated cost on LLM call spans, e.g. gpt-4o-mini=0.15/0.60 (env JOBFLEET_LLM_PRICES).")
    String prices;

    public TracingConfig toConfig() {
        return toConfig(System.getenv());
    }

    /** The configuration, with OpenTelemetry's variables of {@code env} as the fallbacks. */
    TracingConfig toConfig(Map<String, String> env) {
        String url = endpoint != null ? endpoint : env.get("OTEL_EXPORTER_OTLP_ENDPOINT");
        String name = serviceName != null ? serviceName : env.get("OTEL_SERVICE_NAME");
        return new TracingConfig(url, headers(env.get("OTEL_EXPORTER_OTLP_HEADERS")), name, sampleRatio,
                LlmPrices.parse(prices));
    }

    /** {@code OTEL_EXPORTER_OTLP_HEADERS}: {@code key=value,...}, values URL-encoded (W3C baggage form). */
    static Map<String, String> headers(String text) {
        Map<String, String> headers = new LinkedHashMap<>();
        if (text == null || text.isBlank()) {
            return headers;
        }
        for (String pair : text.split(",")) {
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                throw ConfigException.invalid("OTEL_EXPORTER_OTLP_HEADERS", "key=value pairs separated by commas",
                        "an entry without '='");
            }
            headers.put(pair.substring(0, eq).strip(),
                    URLDecoder.decode(pair.substring(eq + 1).strip(), StandardCharsets.UTF_8));
        }
        return headers;
    }
}
