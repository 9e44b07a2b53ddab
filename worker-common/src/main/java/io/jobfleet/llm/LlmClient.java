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
    private final AtomicBoolean closed = new AtomicBoolean();

    private final SharedBuckets buckets;
    private final Tracing tracing;

    private LlmClient(LlmConfig config, MeterRegistry meters, SharedBuckets buckets, Tracing tracing) {
        this.config = config;
        this.buckets = buckets;
        this.tracing = tracing;
        this.endpoint = new ChatEndpoint(config);
        this.guard = new EndpointGuard(config, meters, buckets);
        this.metrics = new LlmMetrics(meters, config.model());
    }

    /** A client for {@code config} (validated when it was built) with no fleet-wide limits. */
    public static LlmClient create(LlmConfig config, MeterRegistry meters) {
        return create(config, meters, SharedBuckets.NONE);
    }

    /**
     * A client whose requests and tokens are limited fleet-wide through {@code buckets}
     * ({@link #defineFleetLimits()} puts the configured limits there).
     */
    public static LlmClient create(LlmConfig config, MeterRegistry meters, SharedBuckets buckets) {
        return create(config, meters, buckets, Tracing.OFF);
    }

    /**
     * A client whose every call is also a span of {@code tracing}, a child of the attempt span
     * active on the calling thread (docs/tracing.md).
     */
    public static LlmClient create(LlmConfig config, MeterRegistry meters, SharedBuckets buckets, Tracing tracing) {
        return new LlmClient(config, meters, buckets, tracing);
    }

    /**
     * Defines the limits of the configuration ({@code --llm-rpm}, {@code --llm-tpm}) in the shared
     * buckets, unless the fleet has them already; called once the database is reachable.
     */
    public void defineFleetLimits() {
        if (config.limits().requestsPerMinute() > 0) {
            buckets.define(config.requestsBucket(), config.limits().requestsPerMinute(), Duration.ofMinutes(1));
        }
        if (config.limits().tokensPerMinute() > 0) {
            buckets.define(config.tokensBucket(), config.limits().tokensPerMinute(), Duration.ofMinutes(1));
        }
    }

    /** A text answer. */
    public ChatResponse chat(ChatRequest request, Cancellation cancellation) throws LlmException {
        String model = modelFor(request);
        String body = WireFormat.requestBody(request, model, temperatureFor(request), null);
        long start = System.nanoTime();
        CallSpan span = tracing.llmCall(model);
        CallControl control = control(cancellation);
        try {
            ChatResponse response = send(body, request, control);
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
                response = send(body, request, control);
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

    private static void answered(CallSpan span, ChatResponse response) {
        if (response.usage() != null) {
            span.answered(response.model(), response.usage().promptTokens(), response.usage().completionTokens());
        }
    }

    /** The span gets the last HTTP status and the in-call retries, then ends. */
    private static void end(CallSpan span, CallControl control) {
        span.http(control.lastStatus(), Math.max(0, control.httpAttempts() - 1));
        span.end();
    }

    private ChatResponse send(String body, ChatRequest request, CallControl control) throws LlmException {
        if (closed.get()) {
            throw new IllegalStateException("the LLM client is closed");
        }
        // the tokens bucket: reserve an estimate now, settle it with the usage the provider reports
        long estimate = estimateTokens(body, request);
        guard.acquire(config.tokensBucket(), estimate, control);
        try {
            ChatResponse response = guard.call(() -> WireFormat.parseResponse(endpoint.post(body, control)), control);
            if (response.usage() != null) {
                buckets.settle(config.tokensBucket(), estimate - response.usage().totalTokens());
            }
            return response;
        } catch (LlmException e) {
            // a call the provider refused or never saw gives its reservation back; one whose cost
            // cannot be known (a timeout) keeps it
            e.knownUsage().ifPresent(u -> buckets.settle(config.tokensBucket(), estimate - u.totalTokens()));
            throw e;
        }
    }

    /**
     * The tokens a call may cost, before it is made: the prompt at about four characters a token
     * (the request body, a little more than the prompt) plus the answer's cap, or 1,024 when the
     * request sets none. The bucket is settled with the real usage afterwards.
     */
    static long estimateTokens(String body, ChatRequest request) {
        long answer = request.maxTokens() != null ? request.maxTokens() : 1024;
        return body.length() / 4 + answer;
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
