package io.jobfleet.family;

import io.jobfleet.db.Database;
import io.jobfleet.engine.JobHandler;
import io.jobfleet.mapping.MappingSpec;
import java.util.List;
import java.util.Optional;

/**
 * A job family: the queue one kind of worker process serves and the handlers of its kinds.
 * worker-common knows no family; each {@code worker-*} module implements this once.
 */
public interface WorkerFamily {
    /** Short name, e.g. {@code ai}; used in the program name {@code worker-ai}. */
    String name();

    /** The queue this family's processes claim from. */
    String queue();

    /** The kinds this family runs, e.g. {@code ai.generate}. */
    List<String> kinds();

    /** Builds the handlers for one worker process. */
    List<JobHandler<?>> handlers(FamilyRuntime runtime);

    /** Flyway location of the opt-in reference schema of the app tables this family writes. */
    default Optional<String> appSchemaLocation() {
        return Optional.empty();
    }

    /**
     * The app tables this family reads and writes, with their reference-schema defaults; what
     * {@code --app-mapping} overrides and what {@code run} and {@code check} verify in the catalog.
     */
    default Optional<MappingSpec> appMapping() {
        return Optional.empty();
    }

    /** An object with Picocli {@code @Option}s for this family's own settings, or null. */
    default Object options() {
        return null;
    }

    /**
     * The counts this family watches in its app tables (stuck, failed, ...) with their alert
     * thresholds, for {@code diagnose} and {@code stats}; read on the default mapping in
     * {@code --app-schema}. Empty when the family has none or its tables are not there.
     */
    default List<FamilyCheck> checks(Database db) {
        return List.of();
    }

    /**
     * Called once the worker is built and before it starts, e.g. to make rows exist that the first
     * claim needs. A family sees only the handler API, not the engine's {@code Worker}.
     */
    default void configure(FamilyRuntime runtime) {
    }
}
