package io.jobfleet.collections.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jobfleet.engine.Payloads;
import io.jobfleet.engine.PermanentJobException;
import org.junit.jupiter.api.Test;

/** The payload reads strictly, with messages that name the field. */
class GeneratePayloadTest {
    @Test
    void readsTheCollectionAndTheOptionalUser() throws Exception {
        assertThat(Payloads.read("{\"collection_id\": 42, \"user_id\": \"u-17\", \"extra\": 1}", GeneratePayload.class))
                .isEqualTo(new GeneratePayload(42, "u-17"));
        assertThat(Payloads.read("{\"collection_id\": 42}", GeneratePayload.class))
                .isEqualTo(new GeneratePayload(42, null));
    }

    @Test
    void aNumericUserIdIsRefusedLikeInEveryFamily() {
        assertThatThrownBy(() -> Payloads.read("{\"collection_id\": 42, \"user_id\": 17}", GeneratePayload.class))
                .isInstanceOf(PermanentJobException.class)
                .hasMessage("payload field 'user_id' must be a string (got 17)");
    }

    @Test
    void badFieldsAreNamed() {
        assertThatThrownBy(() -> Payloads.read("{\"collection_id\": 42, \"user_id\": \" \"}", GeneratePayload.class))
                .isInstanceOf(PermanentJobException.class)
                .hasMessage("payload field 'user_id' must not be blank when given");
        assertThatThrownBy(() -> Payloads.read("{\"collection_id\": null}", GeneratePayload.class))
                .isInstanceOf(PermanentJobException.class)
                .hasMessage("payload field 'collection_id' must not be null");
        assertThatThrownBy(() -> Payloads.read("{\"collection_id\": 4.5}", GeneratePayload.class))
                .isInstanceOf(PermanentJobException.class)
                .hasMessage("payload field 'collection_id' must be an integer (got 4.5)");
        assertThatThrownBy(() -> Payloads.read("{\"collection_id\": \"42\"}", GeneratePayload.class))
                .isInstanceOf(PermanentJobException.class)
                .hasMessage("payload field 'collection_id' must be an integer");
        assertThatThrownBy(() -> Payloads.read("{\"collection_id\": 99999999999999999999}", GeneratePayload.class))
                .isInstanceOf(PermanentJobException.class)
                .hasMessage("payload field 'collection_id' must be an integer within range");
        assertThatThrownBy(() -> Payloads.read("{\"user_id\": \"u-1\"}", GeneratePayload.class))
                .isInstanceOf(PermanentJobException.class)
                .hasMessage("payload is missing required field 'collection_id'");
    }
}
