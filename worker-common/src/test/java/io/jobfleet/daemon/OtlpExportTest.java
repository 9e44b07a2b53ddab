package io.jobfleet.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.jobfleet.config.HttpConfig;
import io.jobfleet.config.RetentionConfig;
import io.jobfleet.config.Secret;
import io.jobfleet.db.NewJob;
import io.jobfleet.engine.JobHandler;
import io.jobfleet.engine.JobOutcome;
import io.jobfleet.family.FamilyRuntime;
import io.jobfleet.family.WorkerFamily;
import io.jobfleet.llm.ChatRequest;
import io.jobfleet.llm.LlmConfig;
import io.jobfleet.testing.JobsTable;
import io.jobfleet.testing.TestDatabase;
import io.jobfleet.testing.TestHandler;
import io.jobfleet.testing.TestWorkers;
import io.jobfleet.tracing.TracingConfig;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import okio.ByteString;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A worker process wired as {@code run} does, with traces on: the spans of a job's attempt and
 * its LLM call reach an OTLP/HTTP receiver on loopback, in the app's trace, under the family's
 * service name.
 */
class OtlpExportTest {
    @RegisterExtension
    static final TestDatabase DB = new TestDatabase();
    private static final String QUEUE = "otlp";
    private static final String TRACE_ID = "0af7651916cd43dd8448eb211c80319c";
    private static final String APP_SPAN_ID = "b7ad6b7169203331";

    @StartStop
    private final MockWebServer receiver = new MockWebServer();
    @StartStop
    private final MockWebServer llmServer = new MockWebServer();
    private final JobsTable jobs = new JobsTable(DB);

    @Test
    void theSpansOfAnAttemptAndItsLlmCallReachTheOtlpReceiverInTheAppsTrace() throws Exception {
        receiver.setDispatcher(new mockwebserver3.Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                return new MockResponse.Builder().code(200).build();
            }
        });
        llmServer.enqueue(new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json")
                .body("{\"model\":\"m\",\"choices\":[{\"index\":0,\"finish_reason\":\"stop\",\"message\":"
                        + "{\"role\":\"assistant\",\"content\":\"ok\"}}],\"usage\":{\"prompt_tokens\":3,"
                        + "\"completion_tokens\":2,\"total_tokens\":5}}").build());
        TracingConfig tracing = new TracingConfig(receiver.url("/").toString(), Map.of("x-api-key", "k-123"), null,
                TracingConfig.SAMPLE_RATIO_DEFAULT, null);
        DaemonConfig config = new DaemonConfig(new Traced(), TestWorkers.builder(QUEUE).concurrency(1).build(),
                DB.config().withPoolSize(4), HttpConfig.disabled(), RetentionConfig.defaults(),
                LlmConfig.defaults(llmServer.url("/v1").toString(), Secret.empty()).withModel("otlp-model"), tracing);

        long id;
        try (WorkerDaemon daemon = WorkerDaemon.open(config)) {
            daemon.start();
            id = jobs.enqueue(NewJob.of(QUEUE, "otlp.llm", "{}")
                    .withTraceparent("00-" + TRACE_ID + "-" + APP_SPAN_ID + "-01"));
            assertThat(jobs.awaitFinished(id).status()).isEqualTo("completed");
        } // closing the daemon exports what is still batched

        await().atMost(Duration.ofSeconds(10)).until(() -> receiver.getRequestCount() > 0);
        List<RecordedRequest> exports = new ArrayList<>();
        for (int i = receiver.getRequestCount(); i > 0; i--) {
            exports.add(receiver.takeRequest());
        }
        RecordedRequest first = exports.get(0);
        assertThat(first.getMethod()).isEqualTo("POST");
        assertThat(first.getUrl().encodedPath()).isEqualTo("/v1/traces");
        assertThat(first.getHeaders().get("Content-Type")).isEqualTo("application/x-protobuf");
        assertThat(first.getHeaders().get("x-api-key")).isEqualTo("k-123");
        ByteString sent = exports.stream().map(r -> r.getBody()).reduce(ByteString.EMPTY, (a, b) ->
                ByteString.of(concat(a.toByteArray(), b.toByteArray())));
        // OTLP protobuf: ids as raw bytes, names and string attributes as UTF-8
        assertThat(sent.indexOf(ByteString.of(HexFormat.of().parseHex(TRACE_ID)))).as("the app's trace id")
                .isNotNegative();
        assertThat(sent.indexOf(ByteString.of(HexFormat.of().parseHex(APP_SPAN_ID)))).as("the app's span as parent")
                .isNotNegative();
        assertThat(sent.indexOf(utf8("jobfleet.attempt otlp.llm"))).isNotNegative();
        assertThat(sent.indexOf(utf8("chat otlp-model"))).isNotNegative();
        assertThat(sent.indexOf(utf8("worker-traced"))).as("the family's service name").isNotNegative();
    }

    private static ByteString utf8(String s) {
        return ByteString.of(s.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] c = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }

    /** A family whose one kind calls the LLM client the process was configured with. */
    static final class Traced implements WorkerFamily {
        @Override
        public String name() {
            return "traced";
        }

        @Override
        public String queue() {
            return QUEUE;
        }

        @Override
        public List<String> kinds() {
            return List.of("otlp.llm");
        }

        @Override
        public List<JobHandler<?>> handlers(FamilyRuntime runtime) {
            return List.of(TestHandler.json("otlp.llm", (p, ctx) ->
                    JobOutcome.done(Map.of("answer", runtime.llm().chat(ChatRequest.user("hi"), ctx::onInterrupt)
                            .content()))));
        }
    }
}
