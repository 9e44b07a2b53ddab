package io.jobfleet.family;

import io.jobfleet.db.Database;
import io.jobfleet.llm.LlmClient;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * What a family's handlers may use in one worker process: the database, the meter registry, the
 * worker's id and the LLM client configured by the {@code --llm-*} flags.
 */
public record FamilyRuntime(Database db, MeterRegistry meters, String workerId, LlmClient llm) {
}
