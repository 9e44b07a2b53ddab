package io.jobfleet.llm.sim;

import com.fasterxml.jackson.databind.JsonNode;
import io.jobfleet.engine.Payloads;
import io.jobfleet.llm.SchemaValidator;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The JSON answer to a request with {@code response_format.json_schema}: the domain generator
 * named by the schema ({@code requirements}, {@code invoice}, {@code flashcards}, {@code quiz})
 * or the generic filler, always conformed to the requested schema; or a malformed answer on
 * request.
 */
final class StructuredAnswer {
    private static final Logger log = LoggerFactory.getLogger(StructuredAnswer.class);

    private StructuredAnswer() {
    }

    static String answer(Conversation c) {
        JsonNode domain = switch (c.schemaName()) {
            case "requirements" -> RequirementsGenerator.generate(c);
            case "invoice" -> InvoiceGenerator.generate(c, c.schema());
            case "flashcards" -> FlashcardsGenerator.generate(c);
            case "quiz" -> QuizGenerator.generate(c);
            default -> null;
        };
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
    static String malformed(Conversation c, String kind) {
        if ("schema".equals(kind)) {
            return "object".equals(c.schema().path("type").asText("object"))
                    ? "[\"simulated\", \"malformed\", \"answer\"]"
                    : "{\"simulated\": \"malformed answer\"}";
        }
        String valid = answer(c);
        return valid.substring(0, Math.max(1, valid.length() / 2));
    }
}
