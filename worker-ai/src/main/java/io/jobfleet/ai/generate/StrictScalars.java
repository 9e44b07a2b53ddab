package io.jobfleet.ai.generate;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import java.io.IOException;

/**
 * Payload fields that take exactly their JSON type. The engine's payload mapper turns {@code 42}
 * into {@code "42"} for a string field and {@code 12.5} into {@code 12} for an integer one, which
 * would hide a caller's mistake; these fail instead, and the engine's message names the field
 * ("payload field 'user_id' must be a string").
 */
final class StrictScalars {
    private StrictScalars() {
    }

    /** A JSON string only. */
    static final class Text extends StdScalarDeserializer<String> {
        private static final long serialVersionUID = 1L;

        Text() {
            super(String.class);
        }

        @Override
        public String deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (p.currentToken() == JsonToken.VALUE_STRING) {
                return p.getText();
            }
            return (String) ctxt.handleUnexpectedToken(String.class, p);
        }
    }

    /** A JSON integer only; one beyond the int range is clamped, so the range check reports it. */
    static final class WholeNumber extends StdScalarDeserializer<Integer> {
        private static final long serialVersionUID = 1L;

        WholeNumber() {
            super(Integer.class);
        }

        @Override
        public Integer deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (p.currentToken() != JsonToken.VALUE_NUMBER_INT) {
                return (Integer) ctxt.handleUnexpectedToken(Integer.class, p);
            }
            if (p.getNumberType() == JsonParser.NumberType.INT) {
                return p.getIntValue();
            }
            return p.getBigIntegerValue().signum() < 0 ? Integer.MIN_VALUE : Integer.MAX_VALUE;
        }
    }
}
