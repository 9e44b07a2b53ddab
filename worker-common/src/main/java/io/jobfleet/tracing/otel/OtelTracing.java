package io.jobfleet.tracing.otel;

import io.jobfleet.tracing.AttemptSpan;
import io.jobfleet.tracing.CallSpan;
import io.jobfleet.tracing.LlmPrices;
import io.jobfleet.tracing.Traceparent;
import io.jobfleet.tracing.Tracing;
import io.jobfleet.tracing.TracingConfig;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporterBuilder;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link Tracing} on the OpenTelemetry SDK: spans go through a batch processor to an OTLP/HTTP
 * exporter (the JDK's HTTP client), off the handler threads; a collector that is down costs
 * dropped spans, never a job. The attempt span is a child of the app's traceparent (a remote
 * parent); an LLM call's span is a child of the attempt span active on its thread.
 */
public final class OtelTracing implements Tracing {
    private static final Logger log = LoggerFactory.getLogger(OtelTracing.class);
    private static final String SCOPE = "io.jobfleet";
    private static final Duration EXPORT_TIMEOUT = Duration.ofSeconds(10);
    /** At shutdown, after the grace period: short, so the stop stays within the platform's limit. */
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(3);

    private final SdkTracerProvider provider;
    private final Tracer tracer;
    private final LlmPrices prices;
    private final AtomicBoolean closed = new AtomicBoolean();

    private OtelTracing(SpanProcessor processor, TracingConfig config, String serviceName, String instanceId) {
        Resource resource = Resource.getDefault().merge(Resource.create(Attributes.of(
                AttributeKey.stringKey("service.name"), serviceName,
                AttributeKey.stringKey("service.instance.id"), instanceId)));
        this.provider = SdkTracerProvider.builder()
                .setResource(resource)
                .setSampler(Sampler.parentBased(Sampler.traceIdRatioBased(config.sampleRatio())))
                .addSpanProcessor(processor)
                .build();
        this.tracer = provider.get(SCOPE, OtelTracing.class.getPackage().getImplementationVersion());
        this.prices = config.prices();
    }

    /** Exports over OTLP/HTTP to {@code config}'s endpoint, in batches. */
    public static OtelTracing export(TracingConfig config, String serviceName, String instanceId) {
        if (!config.enabled()) {
            throw new IllegalArgumentException("tracing is off: no OTLP endpoint");
        }
        OtlpHttpSpanExporterBuilder exporter = OtlpHttpSpanExporter.builder()
                .setEndpoint(config.endpoint())
                .setTimeout(EXPORT_TIMEOUT);
        config.headers().forEach(exporter::addHeader);
        return new OtelTracing(BatchSpanProcessor.builder(exporter.build()).build(), config, serviceName, instanceId);
    }

    /** Hands every span to {@code exporter} as it ends (tests: the SDK's in-memory exporter). */
    public static OtelTracing to(SpanExporter exporter, TracingConfig config, String serviceName, String instanceId) {
        return new OtelTracing(SimpleSpanProcessor.create(exporter), config, serviceName, instanceId);
    }

    @Override
    public AttemptSpan attempt(AttemptStart start) {
        Context parent = Context.root();
        if (start.traceparent() != null) {
            Optional<Traceparent> tp = Traceparent.parse(start.traceparent());
            if (tp.isPresent()) {
                parent = parent.with(Span.wrap(remote(tp.get())));
            } else {
                log.warn("job {}: traceparent ignored, {}; the attempt starts a trace of its own", start.jobId(),
                        Traceparent.malformed(start.traceparent()));
            }
        }
        Span span = tracer.spanBuilder("jobfleet.attempt " + start.kind())
                .setParent(parent)
                .setSpanKind(SpanKind.CONSUMER)
                .setAttribute(SpanNames.JOB_ID, start.jobId())
                .setAttribute(SpanNames.QUEUE, start.queue())
                .setAttribute(SpanNames.KIND, start.kind())
                .setAttribute(SpanNames.ATTEMPT, (long) start.attempt())
                .setAttribute(SpanNames.WORKER_ID, start.workerId())
                .startSpan();
        return new OtelAttemptSpan(span);
    }

    @Override
    public CallSpan llmCall(String model) {
        Span span = tracer.spanBuilder("chat " + model)
                .setSpanKind(SpanKind.CLIENT)
                .setAttribute(SpanNames.LLM_OPERATION, "chat")
                .setAttribute(SpanNames.LLM_REQUEST_MODEL, model)
                .startSpan();
        return new OtelCallSpan(span, model, prices);
    }

    @Override
    public boolean enabled() {
        return true;
    }

    /** Exports the spans still queued (the processor's shutdown does) for at most a few seconds, and stops. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            provider.shutdown().join(CLOSE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private static SpanContext remote(Traceparent tp) {
        return SpanContext.createFromRemoteParent(tp.traceId(), tp.parentId(),
                TraceFlags.fromHex(tp.flags(), 0), TraceState.getDefault());
    }

    @Override
    public String toString() {
        return "OtelTracing[" + provider + "]";
    }
}
