package io.jobfleet.llm.sim;

import com.fasterxml.jackson.databind.JsonNode;
import io.jobfleet.engine.Payloads;
import io.jobfleet.llm.SchemaValidator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The JSON answer to a request with {@code response_format.json_schema}: the family's
 * {@link SimulatedAnswers} registered for the schema's name, or the generic filler, always
 * conformed to the requested schema; or a malformed answer on request.
 */
final class StructuredAnswer {
    private static final Logger log = LoggerFactory.getLogger(StructuredAnswer.class);

    private final Map<String, SimulatedAnswers> bySchemaName = new HashMap<>();

    StructuredAnswer(List<SimulatedAnswers> answers) {
        for (SimulatedAnswers a : answers) {
            for (String name : a.schemaNames()) {
                SimulatedAnswers earlier = bySchemaName.putIfAbsent(name, a);
                if (earlier != null && earlier.getClass() != a.getClass()) {
                    throw new IllegalArgumentException("two simulated answers for schema '" + name + "': "
                            + earlier.getClass().getName() + " and " + a.getClass().getName());
                }
            }
        }
    }

    /** The schema names with a family's answers, sorted. */
    List<String> schemaNames() {
        return bySchemaName.keySet().stream().sorted().toList();
    }

    String answer(Conversation c) {
        SimulatedAnswers answers = bySchemaName.get(c.schemaName());
        JsonNode domain = answers == null ? null : answers.answer(c);
        if (domain != null) {
            List<String> problems = SchemaValidator.validate(c.schema(), domain);
            if (!problems.isEmpty()) {
                log.warn("LLM simulator: the '{}' answer does not fit the requested schema ({}); filling the "
                        + "schema where it differs", c.schemaName(), problems.get(0));
            }
        }
        return Payloads.write(SchemaFiller.fill(c.schema(), domain, c.document()));
    }

    /**
     * A broken answer: {@code json} is cut-off JSON, {@code schema} is valid JSON of the wrong
     * shape (an array where the schema wants an object, or the other way round).
     */
    String malformed(Conversation c, String kind) {
        if ("schema".equals(kind)) {
            return "object".equals(c.schema().path("type").asText("object"))
                    ? "[\"simulated\", \"malformed\", \"answer\"]"
                    : "{\"simulated\": \"malformed answer\"}";
        }
        String valid = answer(c);
        return valid.substring(0, Math.max(1, valid.length() / 2));
    }
}
