package io.jobfleet.ai;

import io.jobfleet.engine.JobHandler;
import io.jobfleet.family.FamilyRuntime;
import io.jobfleet.family.WorkerFamily;
import java.util.List;
import java.util.Optional;

/** AI generation: ai.generate jobs on an OpenAI-compatible API. */
public final class AiFamily implements WorkerFamily {
    @Override
    public String name() {
        return "ai";
    }

    @Override
    public String queue() {
        return "ai";
    }

    @Override
    public List<String> kinds() {
        return List.of("ai.generate");
    }

    @Override
    public List<JobHandler<?>> handlers(FamilyRuntime runtime) {
        return List.of();
    }

    @Override
    public Optional<String> appSchemaLocation() {
        return Optional.of("classpath:db/app/ai");
    }
}
