package io.jobfleet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.jobfleet.tracing.TracingConfig;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The tracing flags: off by default, OpenTelemetry's own variables as fallbacks, the flags first. */
class TracingOptionsTest {
    private static TracingOptions parse(String... args) {
        TracingOptions o = new TracingOptions();
        new CommandLine(o).parseArgs(args);
        return o;
    }

    @Test
    void offUnlessAnEndpointIsGiven() {
        assertThat(parse().toConfig(Map.of()).enabled()).isFalse();
    }

    @Test
    void openTelemetrysVariablesAreTheFallbacks() {
        TracingConfig c = parse().toConfig(Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", "http://collector:4318",
                "OTEL_SERVICE_NAME", "jobs", "OTEL_EXPORTER_OTLP_HEADERS", "x-honeycomb-team=abc%3D%3D, x-b=2"));
        assertThat(c.endpoint()).isEqualTo("http://collector:4318/v1/traces");
        assertThat(c.serviceName("ai")).isEqualTo("jobs");
        assertThat(c.headers()).containsEntry("x-honeycomb-team", "abc==").containsEntry("x-b", "2");
    }

    @Test
    void theFlagsWin() {
        TracingConfig c = parse("--otel-endpoint", "http://mine:4318", "--otel-service-name", "ai-eu",
                "--otel-sample-ratio", "0.25", "--llm-prices", "m=1/2")
                .toConfig(Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", "http://theirs:4318", "OTEL_SERVICE_NAME", "x"));
        assertThat(c.endpoint()).isEqualTo("http://mine:4318/v1/traces");
        assertThat(c.serviceName("ai")).isEqualTo("ai-eu");
        assertThat(c.sampleRatio()).isEqualTo(0.25);
        assertThat(c.prices().cost("m", 1_000_000, 0)).hasValue(1.0);
    }
}
