package io.jobfleet.llm;

import static org.assertj.core.api.Assertions.assertThat;

import io.jobfleet.metrics.BoundedTag;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.Set;
import java.util.stream.Collectors;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;

/** A payload's model name is sent as asked, but cannot make the client's meters grow without bound. */
class ModelTagBoundTest {
    @StartStop
    private final MockWebServer server = new MockWebServer();

    @Test
    void modelsNamedByPayloadsArePastTheLimitCountedAsOther() throws Exception {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        int calls = LlmMetrics.OTHER_MODELS_MAX + 12;
        try (LlmClient client = LlmClient.create(LlmTesting.config(LlmTesting.baseUrl(server)), meters)) {
            for (int i = 0; i <= calls; i++) {
                server.enqueue(LlmTesting.ok("fine"));
            }
            client.chat(ChatRequest.user("hi"), Cancellation.NONE);
            for (int i = 0; i < calls; i++) {
                client.chat(ChatRequest.user("hi").withModel("user-model-" + i), Cancellation.NONE);
            }
        }
        Set<String> models = meters.getMeters().stream().map(Meter::getId)
                .filter(id -> id.getName().startsWith("jobfleet.llm.")).map(id -> id.getTag("model"))
                .filter(m -> m != null).collect(Collectors.toSet());
        assertThat(models).hasSize(LlmMetrics.OTHER_MODELS_MAX + 2)
                .contains("test-model", "user-model-0", BoundedTag.OTHER).doesNotContain("user-model-" + (calls - 1));
        assertThat(meters.get("jobfleet.llm.calls").tag("model", BoundedTag.OTHER).counter().count()).isEqualTo(12);
    }
}
