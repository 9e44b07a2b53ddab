package io.jobfleet.collections.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jobfleet.engine.Payloads;
import io.jobfleet.engine.PermanentJobException;
import io.jobfleet.mapping.AppId;
import org.junit.jupiter.api.Test;

/** The payload reads strictly, with messages that name the field. */
class GeneratePayloadTest {
    @Test
    void readsTheCollectionAndTheOptionalUser() throws Exception {
        assertThat(Payloads.read("{\"collection_id\": 42, \"user_id\": \"u-17\", \"extra\": 1}", GeneratePayload.class))
                .isEqualTo(new GeneratePayload(AppId.of(42), "u-17"));
        assertThat(Payloads.read("{\"collection_id\": 42}", GeneratePayload.class))
                .isEqualTo(new GeneratePayload(AppId.of(42), null));
    }

    @Test
    void theIdIsOpaqueAndKeysMayBeCamelCase() throws Exception {
        assertThat(Payloads.read("{\"collectionId\": \"clx9a\", \"userId\": \"u-1\"}", GeneratePayload.class))
                .isEqualTo(new GeneratePayload(new AppId("clx9a", false), "u-1"));
        assertThat(Payloads.read("{\"collection_id\": \"42\"}", GeneratePayload.class).collectionId())
                .isEqualTo(new AppId("42", false));
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
                .hasMessageStartingWith("payload field 'collection_id' must be an id");
        assertThatThrownBy(() -> Payloads.read("{\"collection_id\": \" \"}", GeneratePayload.class))
                .isInstanceOf(PermanentJobException.class)
                .hasMessageStartingWith("payload field 'collection_id' must be an id");
        assertThatThrownBy(() -> Payloads.read("{\"user_id\": \"u-1\"}", GeneratePayload.class))
                .isInstanceOf(PermanentJobException.class)
                .hasMessage("payload is missing required field 'collection_id' (or 'collectionId')");
    }
}
