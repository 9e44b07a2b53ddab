package io.jobfleet.llm.sim;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Set;

/**
 * A family's simulated answers to its structured requests (e.g. {@code invoice}, {@code quiz}).
 * The simulator asks the one registered for the request's schema name; requests no one answers
 * get the generic schema filler. Either way the answer is conformed to the requested schema.
 *
 * <p>Found with {@link java.util.ServiceLoader} (a
 * {@code META-INF/services/io.jobfleet.llm.sim.SimulatedAnswers} file listing the class) or
 * passed to {@link LlmSimulator#LlmSimulator(SimulatorConfig, java.util.List)}. Families keep
 * theirs in their test code, so no production jar carries them.
 */
public interface SimulatedAnswers {
    /** The {@code response_format.json_schema.name}s answered here. */
    Set<String> schemaNames();

    /** The answer to {@code request}, deterministic for the same request. */
    JsonNode answer(Conversation request);
}
