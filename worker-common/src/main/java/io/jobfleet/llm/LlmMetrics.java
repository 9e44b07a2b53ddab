package io.jobfleet.llm;

import io.jobfleet.metrics.BoundedTag;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Collections;

/**
 * The client's meters: {@code jobfleet.llm.calls} (outcome, type, model),
 * {@code jobfleet.llm.tokens} (kind = prompt | completion, model) and
 * {@code jobfleet.llm.call.duration} (outcome, model). One logical call counts once, however
 * many HTTP attempts it took. A job's payload may name the model, so the model tag is bounded:
 * the configured model and the first {@value #OTHER_MODELS_MAX} others; past them, {@code other}.
 */
final class LlmMetrics {
    static final int OTHER_MODELS_MAX = 8;

    private final MeterRegistry registry;
    private final BoundedTag models;

    LlmMetrics(MeterRegistry registry, String configuredModel) {
        this.registry = registry;
        this.models = new BoundedTag(OTHER_MODELS_MAX, Collections.singleton(configuredModel));
    }

    void success(String model, Duration took, Usage usage) {
        record("success", "none", model, took);
        tokens("prompt", model, usage.promptTokens());
        tokens("completion", model, usage.completionTokens());
    }

    void failure(String model, Duration took, LlmErrorType type) {
        record(type == LlmErrorType.CANCELLED ? "cancelled" : "failure", type.code(), model, took);
    }

    /** A call whose HTTP exchange succeeded but whose answer was rejected (e.g. malformed JSON). */
    void rejected(String model, Duration took, Usage usage, LlmErrorType type) {
        failure(model, took, type);
        tokens("prompt", model, usage.promptTokens());
        tokens("completion", model, usage.completionTokens());
    }

    private void record(String outcome, String type, String model, Duration took) {
        Counter.builder("jobfleet.llm.calls")
                .description("LLM calls by outcome and error type")
                .tag("outcome", outcome).tag("type", type).tag("model", models.of(model))
                .register(registry).increment();
        Timer.builder("jobfleet.llm.call.duration")
                .description("Duration of LLM calls, in-call retries included")
                .tag("outcome", outcome).tag("model", models.of(model))
                .register(registry).record(took);
    }

    private void tokens(String kind, String model, int count) {
        if (count > 0) {
            Counter.builder("jobfleet.llm.tokens")
                    .description("Tokens used by LLM calls, as reported by the provider")
                    .tag("kind", kind).tag("model", models.of(model))
                    .register(registry).increment(count);
        }
    }
}
