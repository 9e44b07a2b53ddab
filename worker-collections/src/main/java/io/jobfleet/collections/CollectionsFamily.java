package io.jobfleet.collections;

import io.jobfleet.collections.generate.GenerateCollectionHandler;
import io.jobfleet.engine.JobHandler;
import io.jobfleet.family.FamilyRuntime;
import io.jobfleet.family.WorkerFamily;
import io.jobfleet.mapping.MappingSpec;
import java.util.List;
import java.util.Optional;

/** Study collections: flashcards and quizzes generated from pasted text and documents. */
public final class CollectionsFamily implements WorkerFamily {
    private final CollectionsOptions options;

    public CollectionsFamily() {
        this(new CollectionsOptions());
    }

    public CollectionsFamily(CollectionsOptions options) {
        this.options = options;
    }

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
        return List.of(GenerateCollectionHandler.KIND);
    }

    @Override
    public List<JobHandler<?>> handlers(FamilyRuntime runtime) {
        return List.of(new GenerateCollectionHandler(runtime.llm(), options.toSettings(),
                runtime.mapping(CollectionsMapping.SPEC)));
    }

    @Override
    public Optional<String> appSchemaLocation() {
        return Optional.of("classpath:db/app/collections");
    }

    @Override
    public Optional<MappingSpec> appMapping() {
        return Optional.of(CollectionsMapping.SPEC);
    }

    @Override
    public Object options() {
        return options;
    }
}
