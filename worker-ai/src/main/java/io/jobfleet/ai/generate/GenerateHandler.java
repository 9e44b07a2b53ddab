package io.jobfleet.ai.generate;

import io.jobfleet.ai.config.AiSettings;
import io.jobfleet.ai.quota.Reservation;
import io.jobfleet.ai.quota.TokenBudget;
import io.jobfleet.ai.quota.UsageEntry;
import io.jobfleet.ai.quota.UsageLedger;
import io.jobfleet.engine.JobContext;
import io.jobfleet.engine.JobHandler;
import io.jobfleet.engine.JobOutcome;
import io.jobfleet.llm.LlmClient;
import io.jobfleet.llm.LlmException;

/**
 * {@code ai.generate}: checks the payload against the worker's limits, reserves the most tokens
 * the call may use against the user's monthly budget (no LLM call when they do not fit), asks the
 * LLM, and completes the job with the answer and the reservation settled to the provider's usage
 * in one fenced transaction. A failed call settles its reservation to what it is known to have
 * cost (see {@link UsageLedger}); one that never settles stays charged at the reservation. With
 * {@code --ai-quotas=off} nothing is reserved or written ({@link TokenBudget#OFF}).
 */
public final class GenerateHandler implements JobHandler<GeneratePayload> {
    public static final String KIND = "ai.generate";

    private final TokenBudget quota;
    private final LlmCall call;
    private final AiSettings settings;
    private final String configuredModel;

    public GenerateHandler(LlmClient llm, TokenBudget quota, AiSettings settings) {
        this.quota = quota;
        this.call = new LlmCall(llm);
        this.settings = settings;
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
        CallPlan plan = CallPlan.of(payload, settings, configuredModel);
        context.checkHeld();
        Reservation reservation = quota.reserve(payload.userId(), context.jobId(), context.attempt(), plan.model(),
                plan.promptTokens(), plan.maxTokens());
        GenerateResult result;
        try {
            result = call.run(payload, plan, context::onInterrupt);
        } catch (LlmException e) {
            try {
                quota.failed(context.jdbi(), reservation, plan.model(), e.knownUsage().orElse(null));
            } catch (RuntimeException settling) { // the row stays charged at its reservation
                e.addSuppressed(settling);
            }
            throw e.toJobException();
        }
        GenerateResult.TokenUsage usage = result.usage();
        UsageEntry entry = new UsageEntry(context.jobId(), payload.userId(), modelName(result, plan),
                usage.promptTokens(), usage.completionTokens(), usage.totalTokens());
        return JobOutcome.done(result, quota.completed(reservation, entry));
    }

    /** The model as the provider named it; what was asked for when the answer did not say. */
    private static String modelName(GenerateResult result, CallPlan plan) {
        return result.model() != null && !result.model().isBlank() ? result.model() : plan.model();
    }
}
