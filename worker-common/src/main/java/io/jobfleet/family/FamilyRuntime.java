package io.jobfleet.family;

import io.jobfleet.db.Database;
import io.jobfleet.llm.LlmClient;
import io.jobfleet.mapping.AppMapping;
import io.jobfleet.mapping.MappingSpec;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * What a family's handlers may use in one worker process: the database, the meter registry, the
 * worker's id, the LLM client configured by the {@code --llm-*} flags and the app tables' mapping.
 *
 * @param appMapping the mapping read from {@code --app-mapping} and checked against the catalog;
 *                   null for the family's default (the reference schema in {@code --app-schema})
 */
public record FamilyRuntime(Database db, MeterRegistry meters, String workerId, LlmClient llm, AppMapping appMapping) {

    public FamilyRuntime(Database db, MeterRegistry meters, String workerId, LlmClient llm) {
        this(db, meters, workerId, llm, null);
    }

    /** The app tables of the family of {@code spec}: the given mapping, or the default one. */
    public AppMapping mapping(MappingSpec spec) {
        if (appMapping != null && appMapping.family().equals(spec.family())) {
            return appMapping;
        }
        return spec.defaults(db.config().appSchema());
    }
}
