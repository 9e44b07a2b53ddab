package io.jobfleet.tracing.otel;

import io.jobfleet.tracing.AttemptSpan;
import io.jobfleet.tracing.Tracing;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import java.util.concurrent.atomic.AtomicBoolean;

/** An attempt's span: current on the handler thread while activated, ended by whichever thread records the outcome. */
final class OtelAttemptSpan implements AttemptSpan {
    private final Span span;
    private final AtomicBoolean ended = new AtomicBoolean();

    OtelAttemptSpan(Span span) {
        this.span = span;
    }

    @Override
    public Tracing.Scope activate() {
        io.opentelemetry.context.Scope scope = span.makeCurrent();
        return scope::close;
    }

    @Override
    public void end(String outcome, String errorClass) {
        if (!ended.compareAndSet(false, true)) {
            return;
        }
        span.setAttribute(SpanNames.OUTCOME, outcome);
        if (errorClass != null) {
            span.setAttribute(SpanNames.ERROR_TYPE, errorClass);
        }
        if (outcome.equals(FAILED) || outcome.equals(RETRYING) || outcome.equals(NOT_STORED)) {
            // the message stays in the job's errors: it may quote the payload
            span.setStatus(StatusCode.ERROR, errorClass == null ? outcome : errorClass);
        }
        span.end();
    }
}
