package io.jobfleet.llm;

import io.jobfleet.engine.ClaimGate;
import io.jobfleet.tracing.CallSpan;
import io.jobfleet.tracing.Tracing;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A client for one OpenAI-compatible chat-completions endpoint, shared by all handler threads of
 * a worker. Every call goes through an in-call retry, the endpoint's circuit breaker and an
 * optional rate limiter, and fails with a typed {@link LlmException}.
 *
 * <pre>{@code
 * Structured<Invoice> answer = llm.chatStructured(ChatRequest.of(system, text), INVOICE_SCHEMA,
 *         Invoice.class, context::onInterrupt);
 * worker.claimGate(llm.claimGate());
 * }</pre>
 */
public final class LlmClient implements AutoCloseable {
    private final LlmConfig config;
    private final ChatEndpoint endpoint;
    private final EndpointGuard guard;
    private final LlmMetrics metrics;
    private final Tracing tracing;
    private final AtomicBoolean closed = new AtomicBoolean();

    private LlmClient(LlmConfig config, MeterRegistry meters, Tracing tracing) {
        this.config = config;
        this.endpoint = new ChatEndpoint(config);
        this.guard = new EndpointGuard(config, meters);
        this.metrics = new LlmMetrics(meters, config.model());
        this.tracing = tracing;
    }

    /** A client for {@code config} (validated when it was built); its meters go to {@code meters}. */
    public static LlmClient create(LlmConfig config, MeterRegistry meters) {
        return create(config, meters, Tracing.OFF);
    }

    /** A client whose every call is also a span of {@code tracing}, a child of the attempt span active on its thread. */
    public static LlmClient create(LlmConfig config, MeterRegistry meters, Tracing tracing) {
        return new LlmClient(config, meters, tracing);
    }

    /** A text answer. */
    public ChatResponse chat(ChatRequest request, Cancellation cancellation) throws LlmException {
        String model = modelFor(request);
        String body = WireFormat.requestBody(request, model, temperatureFor(request), null);
        long start = System.nanoTime();
        CallSpan span = tracing.llmCall(model);
        CallControl control = control(cancellation);
        try {
            ChatResponse response = send(body, control);
            metrics.success(model, since(start), response.usage());
            answered(span, response);
            return response;
        } catch (LlmException e) {
            metrics.failure(model, since(start), e.type());
            span.failed(e.code());
            throw e;
        } finally {
            end(span, control);
        }
    }

    /**
     * A JSON answer constrained by {@code schema} (OpenAI structured outputs), checked against the
     * schema and parsed into {@code type}; an answer that is not valid JSON, breaks the schema or
     * does not fit {@code type} is MALFORMED_OUTPUT.
     */
    public <T> Structured<T> chatStructured(ChatRequest request, ResponseSchema schema, Class<T> type,
                                            Cancellation cancellation) throws LlmException {
        String model = modelFor(request);
        String body = WireFormat.requestBody(request, model, temperatureFor(request), schema);
        long start = System.nanoTime();
        CallSpan span = tracing.llmCall(model);
        CallControl control = control(cancellation);
        try {
            ChatResponse response;
            try {
                response = send(body, control);
            } catch (LlmException e) {
                metrics.failure(model, since(start), e.type());
                span.failed(e.code());
                throw e;
            }
            answered(span, response);
            try {
                T value = StructuredParser.parse(response.content(), schema, type);
                metrics.success(model, since(start), response.usage());
                return new Structured<>(value, response.content(), response.model(), response.usage(),
                        response.finishReason());
            } catch (LlmException e) {
                metrics.rejected(model, since(start), response.usage(), e.type());
                span.failed(e.code());
                throw e.withUsage(response.usage());
            }
        } finally {
            end(span, control);
        }
    }

    private static CallControl control(Cancellation cancellation) {
        return CallControl.attach(cancellation == null ? Cancellation.NONE : cancellation);
    }

    private ChatResponse send(String body, CallControl control) throws LlmException {
        if (closed.get()) {
            throw new IllegalStateException("the LLM client is closed");
        }
        return guard.call(() -> WireFormat.parseResponse(endpoint.post(body, control)), control);
    }

    private static void answered(CallSpan span, ChatResponse response) {
        span.answered(response.model(), response.usage().promptTokens(), response.usage().completionTokens());
    }

    private static void end(CallSpan span, CallControl control) {
        span.http(control.lastStatus(), Math.max(0, control.httpAttempts() - 1));
        span.end();
    }

    /**
     * Null while the endpoint's circuit breaker lets calls through, else a readable reason, e.g.
     * "LLM endpoint https://api.openai.com/v1 circuit breaker open after 12 failures; retrying in 30 s".
     */
    public String unavailableBecause() {
        return guard.unavailableBecause();
    }

    /** Holds claiming back while the breaker is open: {@code worker.claimGate(llm.claimGate())}. */
    public ClaimGate claimGate() {
        return this::unavailableBecause;
    }

    /** The endpoint without credentials or query, e.g. {@code https://api.openai.com/v1}. */
    public String endpoint() {
        return config.endpointLabel();
    }

    public String model() {
        return config.model();
    }

    private String modelFor(ChatRequest request) {
        return request.model() == null || request.model().isBlank() ? config.model() : request.model();
    }

    private Double temperatureFor(ChatRequest request) {
        return request.temperature() != null ? request.temperature() : config.temperature();
    }

    private static Duration since(long startNanos) {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }

    /** Cancels calls in flight and releases connections and threads; idempotent. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            endpoint.close();
        }
    }

    @Override
    public String toString() {
        return "LlmClient[endpoint=" + endpoint() + ", model=" + config.model() + "]";
    }
}
