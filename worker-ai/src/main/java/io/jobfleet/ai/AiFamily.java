package io.jobfleet.ai;

import io.jobfleet.ai.config.AiOptions;
import io.jobfleet.ai.config.AiSettings;
import io.jobfleet.ai.generate.GenerateHandler;
import io.jobfleet.ai.quota.TokenBudget;
import io.jobfleet.engine.JobHandler;
import io.jobfleet.family.FamilyRuntime;
import io.jobfleet.family.WorkerFamily;
import io.jobfleet.mapping.MappingSpec;
import java.util.List;
import java.util.Optional;

/** AI generation: ai.generate jobs on an OpenAI-compatible API, within per-user monthly token budgets. */
public final class AiFamily implements WorkerFamily {
    public static final String NAME = "ai";
    public static final String APP_SCHEMA_LOCATION = "classpath:db/app/ai";

    private final AiOptions options;
    private final AiSettings fixedSettings;

    /** The family as the worker jar runs it: settings from the {@code --ai-*} flags or their env vars. */
    public AiFamily() {
        this.options = new AiOptions();
        this.fixedSettings = null;
    }

    /** The family with the given settings, flags ignored (tests, embedding). */
    public AiFamily(AiSettings settings) {
        this.options = new AiOptions();
        this.fixedSettings = settings;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String queue() {
        return NAME;
    }

    @Override
    public List<String> kinds() {
        return List.of(GenerateHandler.KIND);
    }

    @Override
    public List<JobHandler<?>> handlers(FamilyRuntime runtime) {
        AiSettings settings = fixedSettings != null ? fixedSettings : options.toSettings();
        TokenBudget budget = settings.quotas()
                ? TokenBudget.ledgered(runtime.db().jdbi(), settings.defaultLimit(),
                        runtime.mapping(AiMapping.SPEC).table(AiMapping.LEDGER))
                : TokenBudget.OFF;
        return List.of(new GenerateHandler(runtime.llm(), budget, settings));
    }

    @Override
    public Optional<String> appSchemaLocation() {
        return Optional.of(APP_SCHEMA_LOCATION);
    }

    @Override
    public Optional<MappingSpec> appMapping() {
        boolean quotas = fixedSettings != null ? fixedSettings.quotas() : options.quotasOn();
        return quotas ? Optional.of(AiMapping.SPEC) : Optional.empty(); // no quotas: no app tables to check
    }

    @Override
    public Object options() {
        return options;
    }
}
