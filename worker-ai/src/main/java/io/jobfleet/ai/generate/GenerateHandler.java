package io.jobfleet.ai.generate;

import io.jobfleet.ai.quota.QuotaGuard;
import io.jobfleet.ai.quota.UsageEntry;
import io.jobfleet.ai.quota.UsageLedger;
import io.jobfleet.engine.JobContext;
import io.jobfleet.engine.JobHandler;
import io.jobfleet.engine.JobOutcome;
import io.jobfleet.llm.LlmClient;

/**
 * {@code ai.generate}: checks the user's monthly token budget (no LLM call when it is spent), asks
 * the LLM, and completes the job with the answer and its usage row in one fenced transaction, so a
 * retried, rescued or fenced-out attempt never counts twice.
 */
public final class GenerateHandler implements JobHandler<GeneratePayload> {
    public static final String KIND = "ai.generate";

    private final QuotaGuard quota;
    private final LlmCall call;
    private final String configuredModel;

    public GenerateHandler(LlmClient llm, QuotaGuard quota) {
        this.quota = quota;
        this.call = new LlmCall(llm);
        this.configuredModel = llm.model();
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public Class<GeneratePayload> payloadType() {
        return GeneratePayload.class;
    }

    @Override
    public JobOutcome handle(GeneratePayload payload, JobContext context) throws Exception {
        quota.check(payload.userId());
        context.checkHeld();
        GenerateResult result = call.run(payload, context::onInterrupt);
        GenerateResult.TokenUsage usage = result.usage();
        UsageEntry entry = new UsageEntry(context.jobId(), payload.userId(), modelName(result, payload),
                usage.promptTokens(), usage.completionTokens(), usage.totalTokens());
        return JobOutcome.done(result, UsageLedger.record(entry));
    }

    /** The model as the provider named it; what was asked for when the answer did not say. */
    private String modelName(GenerateResult result, GeneratePayload payload) {
        if (result.model() != null && !result.model().isBlank()) {
            return result.model();
        }
        return payload.model() != null ? payload.model() : configuredModel;
    }
}
