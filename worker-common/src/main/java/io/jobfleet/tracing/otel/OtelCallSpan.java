package io.jobfleet.tracing.otel;

import io.jobfleet.tracing.CallSpan;
import io.jobfleet.tracing.LlmPrices;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import java.util.OptionalDouble;

/** An LLM call's span, on the calling (handler) thread. */
final class OtelCallSpan implements CallSpan {
    private final Span span;
    private final String requestModel;
    private final LlmPrices prices;

    OtelCallSpan(Span span, String requestModel, LlmPrices prices) {
        this.span = span;
        this.requestModel = requestModel;
        this.prices = prices;
    }

    @Override
    public void answered(String responseModel, int promptTokens, int completionTokens) {
        if (responseModel != null) {
            span.setAttribute(SpanNames.LLM_RESPONSE_MODEL, responseModel);
        }
        span.setAttribute(SpanNames.LLM_PROMPT_TOKENS, (long) promptTokens);
        span.setAttribute(SpanNames.LLM_COMPLETION_TOKENS, (long) completionTokens);
        OptionalDouble cost = prices.cost(requestModel, promptTokens, completionTokens);
        if (cost.isEmpty() && responseModel != null) {
            cost = prices.cost(responseModel, promptTokens, completionTokens);
        }
        cost.ifPresent(c -> span.setAttribute(SpanNames.LLM_COST_USD, c));
    }

    @Override
    public void http(int status, int retries) {
        if (status > 0) {
            span.setAttribute(SpanNames.HTTP_STATUS, (long) status);
        }
        span.setAttribute(SpanNames.LLM_RETRIES, (long) retries);
    }

    @Override
    public void failed(String errorClass) {
        span.setAttribute(SpanNames.ERROR_TYPE, errorClass);
        span.setStatus(StatusCode.ERROR, errorClass);
    }

    @Override
    public void end() {
        span.end();
    }
}
