package io.jobfleet.collections;

import io.jobfleet.engine.JobHandler;
import io.jobfleet.family.FamilyRuntime;
import io.jobfleet.family.WorkerFamily;
import java.util.List;
import java.util.Optional;

/** Study collections: flashcards and quizzes. */
public final class CollectionsFamily implements WorkerFamily {
    @Override
    public String name() {
        return "collections";
    }

    @Override
    public String queue() {
        return "collections";
    }

    @Override
    public List<String> kinds() {
        return List.of("collection.generate");
    }

    @Override
    public List<JobHandler<?>> handlers(FamilyRuntime runtime) {
        return List.of();
    }

    @Override
    public Optional<String> appSchemaLocation() {
        return Optional.of("classpath:db/app/collections");
    }
}
