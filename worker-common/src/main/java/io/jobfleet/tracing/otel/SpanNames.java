package io.jobfleet.tracing.otel;

import io.opentelemetry.api.common.AttributeKey;

/**
 * The attributes of jobfleet's spans (docs/tracing.md lists them): {@code jobfleet.*} for the
 * job, OpenTelemetry's semantic conventions where one exists ({@code error.type},
 * {@code gen_ai.*}, {@code http.response.status_code}).
 */
final class SpanNames {
    static final AttributeKey<Long> JOB_ID = AttributeKey.longKey("jobfleet.job.id");
    static final AttributeKey<String> QUEUE = AttributeKey.stringKey("jobfleet.queue");
    static final AttributeKey<String> KIND = AttributeKey.stringKey("jobfleet.kind");
    static final AttributeKey<Long> ATTEMPT = AttributeKey.longKey("jobfleet.attempt");
    static final AttributeKey<String> WORKER_ID = AttributeKey.stringKey("jobfleet.worker.id");
    static final AttributeKey<String> OUTCOME = AttributeKey.stringKey("jobfleet.outcome");
    static final AttributeKey<String> ERROR_TYPE = AttributeKey.stringKey("error.type");

    static final AttributeKey<String> LLM_OPERATION = AttributeKey.stringKey("gen_ai.operation.name");
    static final AttributeKey<String> LLM_REQUEST_MODEL = AttributeKey.stringKey("gen_ai.request.model");
    static final AttributeKey<String> LLM_RESPONSE_MODEL = AttributeKey.stringKey("gen_ai.response.model");
    static final AttributeKey<Long> LLM_PROMPT_TOKENS = AttributeKey.longKey("gen_ai.usage.input_tokens");
    static final AttributeKey<Long> LLM_COMPLETION_TOKENS = AttributeKey.longKey("gen_ai.usage.output_tokens");
    static final AttributeKey<Double> LLM_COST_USD = AttributeKey.doubleKey("jobfleet.llm.cost_usd");
    static final AttributeKey<Long> HTTP_STATUS = AttributeKey.longKey("http.response.status_code");
    static final AttributeKey<Long> LLM_RETRIES = AttributeKey.longKey("jobfleet.llm.retries");

    private SpanNames() {
    }
}
