package io.jobfleet.llm;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import io.jobfleet.engine.Payloads;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a structured answer: strips a Markdown code fence some local models add, parses the JSON,
 * checks it against the schema, then maps it onto the caller's record. Record components in
 * camelCase read snake_case JSON properties ({@code sourcePage} from {@code source_page});
 * {@code @JsonProperty} overrides that. Decimals keep their exact digits ({@code BigDecimal} for
 * money). Any mismatch is MALFORMED_OUTPUT.
 */
final class StructuredParser {
    private static final ObjectMapper MAPPER = Payloads.mapper().copy()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .configure(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES, false);
    private static final Pattern FENCE = Pattern.compile("(?s)^\\s*```[a-zA-Z]*\\s*\\n(.*?)\\n?```\\s*$");

    private StructuredParser() {
    }

    static <T> T parse(String content, ResponseSchema schema, Class<T> type) throws LlmException {
        JsonNode node = readJson(content);
        List<String> problems = SchemaValidator.validate(schema.schema(), node);
        if (!problems.isEmpty()) {
            String more = problems.size() > 1 ? " and " + (problems.size() - 1) + " more" : "";
            throw malformed(problems.get(0) + more);
        }
        if (type == JsonNode.class) {
            return type.cast(node);
        }
        try {
            return MAPPER.treeToValue(node, type);
        } catch (JsonProcessingException e) {
            throw malformed("does not fit " + type.getSimpleName() + ": " + e.getOriginalMessage());
        } catch (IllegalArgumentException e) {
            throw malformed("does not fit " + type.getSimpleName() + ": " + e.getMessage());
        }
    }

    private static JsonNode readJson(String content) throws LlmException {
        String json = content == null ? "" : content;
        Matcher fence = FENCE.matcher(json);
        if (fence.matches()) {
            json = fence.group(1);
        }
        if (json.isBlank()) {
            throw malformed("the answer was empty");
        }
        try {
            return MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw malformed("the answer is not valid JSON");
        }
    }

    private static LlmException malformed(String detail) {
        return new LlmException(LlmErrorType.MALFORMED_OUTPUT, 0, null, Redaction.sanitize(detail, null), null);
    }
}
