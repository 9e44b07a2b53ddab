package io.jobfleet.llm;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;

/**
 * The client's meters: {@code jobfleet.llm.calls} (outcome, type, model),
 * {@code jobfleet.llm.tokens} (kind = prompt | completion, model) and
 * {@code jobfleet.llm.call.duration} (outcome, model). One logical call counts once, however
 * many HTTP attempts it took.
 */
final class LlmMetrics {
    private final MeterRegistry registry;

    LlmMetrics(MeterRegistry registry) {
        this.registry = registry;
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
                .tag("outcome", outcome).tag("type", type).tag("model", model)
                .register(registry).increment();
        Timer.builder("jobfleet.llm.call.duration")
                .description("Duration of LLM calls, in-call retries included")
                .tag("outcome", outcome).tag("model", model)
                .register(registry).record(took);
    }

    private void tokens(String kind, String model, int count) {
        if (count > 0) {
            Counter.builder("jobfleet.llm.tokens")
                    .description("Tokens used by LLM calls, as reported by the provider")
                    .tag("kind", kind).tag("model", model)
                    .register(registry).increment(count);
        }
    }
}
