package io.jobfleet.collections.generate;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import java.io.IOException;

/**
 * Reads an id only from a JSON integer. The engine's mapper accepts 4.5 for a long and truncates
 * it to 4, which would pick the wrong collection; this refuses it as "must be an integer".
 */
final class WholeNumber extends StdDeserializer<Long> {
    private static final long serialVersionUID = 1L;

    WholeNumber() {
        super(Long.class);
    }

    @Override
    public Long deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
        if (p.currentToken() != JsonToken.VALUE_NUMBER_INT || p.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
            return (Long) ctxt.handleUnexpectedToken(Long.class, p);
        }
        return p.getLongValue();
    }

    @Override
    public Long getNullValue(DeserializationContext ctxt) throws JsonMappingException {
        return (Long) ctxt.reportInputMismatch(this, "Cannot map `null` into type long");
    }
}
