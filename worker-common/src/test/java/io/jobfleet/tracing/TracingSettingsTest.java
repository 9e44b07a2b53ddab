package io.jobfleet.tracing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.jobfleet.config.ConfigException;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The parts of tracing that need no worker: the traceparent rules, the endpoint, the prices. */
class TracingSettingsTest {
    private static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final String PARENT = "00f067aa0ba902b7";

    @Test
    void aTraceparentIsVersion00sShapeInLowerCaseWithNonZeroIds() {
        Traceparent tp = Traceparent.parse("00-" + TRACE + "-" + PARENT + "-01").orElseThrow();
        assertThat(tp.traceId()).isEqualTo(TRACE);
        assertThat(tp.parentId()).isEqualTo(PARENT);
        assertThat(tp.sampled()).isTrue();
        assertThat(Traceparent.parse("00-" + TRACE + "-" + PARENT + "-00").orElseThrow().sampled()).isFalse();
        assertThat(Traceparent.parse("00-" + TRACE + "-" + PARENT + "-01").orElseThrow())
                .hasToString("00-" + TRACE + "-" + PARENT + "-01");
        for (String bad : new String[] {null, "", "00-" + TRACE.toUpperCase() + "-" + PARENT + "-01",
                "ff-" + TRACE + "-" + PARENT + "-01", "00-" + "0".repeat(32) + "-" + PARENT + "-01",
                "00-" + TRACE + "-" + "0".repeat(16) + "-01", "00-" + TRACE + "-" + PARENT + "-01-extra",
                "00_" + TRACE + "_" + PARENT + "_01", "x".repeat(100_000)}) {
            assertThat(Traceparent.parse(bad)).as("%.60s", bad).isEmpty();
        }
        assertThat(Traceparent.malformed("abc")).contains("3 characters given").doesNotContain("abc");
    }

    @Test
    void theEndpointIsAnOtlpHttpRootWithTheTracesPathAppendedOnce() {
        assertThat(TracingConfig.to("http://collector:4318").endpoint()).isEqualTo("http://collector:4318/v1/traces");
        assertThat(TracingConfig.to("https://otlp.example/").endpoint()).isEqualTo("https://otlp.example/v1/traces");
        assertThat(TracingConfig.to("http://collector:4318/v1/traces").endpoint())
                .isEqualTo("http://collector:4318/v1/traces");
        assertThat(TracingConfig.to(" ").enabled()).isFalse();
        assertThat(TracingConfig.OFF.enabled()).isFalse();
        assertThatThrownBy(() -> TracingConfig.to("collector:4317")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("--otel-endpoint / JOBFLEET_OTEL_ENDPOINT must be the http(s) URL");
        assertThatThrownBy(() -> new TracingConfig(null, Map.of(), null, 1.5, null))
                .hasMessageContaining("--otel-sample-ratio / JOBFLEET_OTEL_SAMPLE_RATIO must be between 0 and 1");
        assertThat(TracingConfig.OFF.serviceName("ai")).isEqualTo("worker-ai");
        assertThat(TracingConfig.OFF.withServiceName("billing-jobs").serviceName("ai")).isEqualTo("billing-jobs");
        assertThat(new TracingConfig("http://c:4318", Map.of("authorization", "Bearer s3cret"), null, 1, null))
                .asString().doesNotContain("s3cret");
    }

    @Test
    void pricesAreDollarsPerMillionTokensByModelWithAStarForTheRest() {
        LlmPrices prices = LlmPrices.parse("gpt-4o-mini=0.15/0.60, *=1/2");
        assertThat(prices.cost("gpt-4o-mini", 1_000_000, 500_000)).hasValueCloseTo(0.45, within(1e-12));
        assertThat(prices.cost("llama3", 1000, 1000)).hasValueCloseTo(0.003, within(1e-12));
        assertThat(LlmPrices.parse("gpt-4o=2.5/10").cost("other", 1, 1)).isEmpty();
        assertThat(LlmPrices.parse(null).isEmpty()).isTrue();
        assertThatThrownBy(() -> LlmPrices.parse("gpt-4o=2.5")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("--llm-prices / JOBFLEET_LLM_PRICES must be MODEL=PROMPT/COMPLETION");
        assertThatThrownBy(() -> LlmPrices.parse("gpt-4o=-1/2")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("non-negative");
    }
}
