package io.jobfleet.tracing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.jobfleet.config.Secret;
import io.jobfleet.db.JobRow;
import io.jobfleet.db.NewJob;
import io.jobfleet.engine.JobOutcome;
import io.jobfleet.engine.PermanentJobException;
import io.jobfleet.llm.ChatRequest;
import io.jobfleet.llm.ChatResponse;
import io.jobfleet.llm.LlmClient;
import io.jobfleet.llm.LlmConfig;
import io.jobfleet.llm.SharedBuckets;
import io.jobfleet.testing.JobsTable;
import io.jobfleet.testing.TestDatabase;
import io.jobfleet.testing.TestHandler;
import io.jobfleet.testing.TestWorkers;
import io.jobfleet.tracing.otel.OtelTracing;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Attempt spans and their LLM call spans, made by a real worker on a real database, with the LLM
 * on a local HTTP server, checked with the SDK's in-memory exporter.
 */
class AttemptTracingTest {
    @RegisterExtension
    static final TestDatabase DB = new TestDatabase();

    private static final String QUEUE = "traced";
    private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final String APP_SPAN_ID = "00f067aa0ba902b7";
    private static final String ANSWER = "{\"id\":\"c1\",\"object\":\"chat.completion\",\"model\":\"served-model\","
            + "\"choices\":[{\"index\":0,\"finish_reason\":\"stop\",\"message\":{\"role\":\"assistant\",\"content\":\"hi\"}}],"
            + "\"usage\":{\"prompt_tokens\":11,\"completion_tokens\":7,\"total_tokens\":18}}";

    @StartStop
    private final MockWebServer llmServer = new MockWebServer();
    private final InMemorySpanExporter spans = InMemorySpanExporter.create();
    private final JobsTable jobs = new JobsTable(DB);
    private final TestWorkers workers = new TestWorkers();
    private Tracing tracing;
    private LlmClient llm;

    @BeforeEach
    void setUp() {
        DB.truncateJobs();
        tracing = OtelTracing.to(spans, TracingConfig.OFF.withPrices(LlmPrices.parse("test-model=1.5/3")),
                "worker-test", "test-instance");
        llm = LlmClient.create(LlmConfig.defaults(llmServer.url("/v1").toString(), Secret.empty())
                .withModel("test-model").withRetries(1, Duration.ofMillis(10)), new SimpleMeterRegistry(),
                SharedBuckets.NONE, tracing);
    }

    @AfterEach
    void tearDown() {
        workers.close();
        llm.close();
        tracing.close();
    }

    private void startWorker() {
        workers.start(DB.db(), TestWorkers.config(QUEUE), tracing,
                TestHandler.json("traced.llm", (p, ctx) -> {
                    ChatResponse answer = llm.chat(ChatRequest.user("hello"), ctx::onInterrupt);
                    return JobOutcome.done(Map.of("answer", answer.content()));
                }),
                TestHandler.json("traced.broken", (p, ctx) -> {
                    throw new PermanentJobException("bad_payload", "the payload names no document");
                }));
    }

    private List<SpanData> awaitSpans(int n) {
        await().atMost(Duration.ofSeconds(20)).until(() -> spans.getFinishedSpanItems().size() >= n);
        return spans.getFinishedSpanItems();
    }

    private static SpanData named(List<SpanData> all, String prefix) {
        return all.stream().filter(s -> s.getName().startsWith(prefix)).findFirst()
                .orElseThrow(() -> new AssertionError("no span " + prefix + "* in " + all));
    }

    @Test
    void anAttemptOfAJobWithTheAppsTraceparentIsAChildOfItAndItsLlmCallAChildOfTheAttempt() {
        llmServer.enqueue(new MockResponse.Builder().code(503).body("{\"error\":{\"message\":\"busy\"}}").build());
        llmServer.enqueue(new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json")
                .body(ANSWER).build());
        long id = jobs.enqueue(NewJob.of(QUEUE, "traced.llm", "{}")
                .withTraceparent("00-" + TRACE_ID + "-" + APP_SPAN_ID + "-01"));
        startWorker();

        assertThat(jobs.awaitFinished(id).status()).isEqualTo("completed");
        List<SpanData> all = awaitSpans(2);
        SpanData attempt = named(all, "jobfleet.attempt");
        SpanData call = named(all, "chat");

        assertThat(attempt.getName()).isEqualTo("jobfleet.attempt traced.llm");
        assertThat(attempt.getKind()).isEqualTo(SpanKind.CONSUMER);
        assertThat(attempt.getTraceId()).as("the app's trace").isEqualTo(TRACE_ID);
        assertThat(attempt.getParentSpanId()).as("the app's span is the parent").isEqualTo(APP_SPAN_ID);
        assertThat(attempt.getParentSpanContext().isRemote()).isTrue();
        assertThat(attempt.getAttributes().get(AttributeKey.longKey("jobfleet.job.id"))).isEqualTo(id);
        assertThat(attempt.getAttributes().get(AttributeKey.stringKey("jobfleet.queue"))).isEqualTo(QUEUE);
        assertThat(attempt.getAttributes().get(AttributeKey.stringKey("jobfleet.kind"))).isEqualTo("traced.llm");
        assertThat(attempt.getAttributes().get(AttributeKey.longKey("jobfleet.attempt"))).isEqualTo(1L);
        assertThat(attempt.getAttributes().get(AttributeKey.stringKey("jobfleet.worker.id"))).startsWith("test@");
        assertThat(attempt.getAttributes().get(AttributeKey.stringKey("jobfleet.outcome"))).isEqualTo("completed");
        assertThat(attempt.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
        assertThat(attempt.getResource().getAttribute(AttributeKey.stringKey("service.name"))).isEqualTo("worker-test");

        assertThat(call.getName()).isEqualTo("chat test-model");
        assertThat(call.getKind()).isEqualTo(SpanKind.CLIENT);
        assertThat(call.getTraceId()).isEqualTo(TRACE_ID);
        assertThat(call.getParentSpanId()).as("the attempt is the LLM call's parent").isEqualTo(attempt.getSpanId());
        assertThat(call.getAttributes().get(AttributeKey.stringKey("gen_ai.request.model"))).isEqualTo("test-model");
        assertThat(call.getAttributes().get(AttributeKey.stringKey("gen_ai.response.model"))).isEqualTo("served-model");
        assertThat(call.getAttributes().get(AttributeKey.longKey("gen_ai.usage.input_tokens"))).isEqualTo(11L);
        assertThat(call.getAttributes().get(AttributeKey.longKey("gen_ai.usage.output_tokens"))).isEqualTo(7L);
        assertThat(call.getAttributes().get(AttributeKey.doubleKey("jobfleet.llm.cost_usd")))
                .isCloseTo((11 * 1.5 + 7 * 3) / 1e6, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(call.getAttributes().get(AttributeKey.longKey("http.response.status_code"))).isEqualTo(200L);
        assertThat(call.getAttributes().get(AttributeKey.longKey("jobfleet.llm.retries")))
                .as("the 503 was retried once inside the call").isEqualTo(1L);
        assertThat(call.getEndEpochNanos()).isLessThanOrEqualTo(attempt.getEndEpochNanos());
    }

    @Test
    void aFailedAttemptsSpanCarriesItsErrorClassAndAnErrorStatus() {
        long id = jobs.enqueue(NewJob.of(QUEUE, "traced.broken", "{}")
                .withTraceparent("00-" + TRACE_ID + "-" + APP_SPAN_ID + "-01"));
        startWorker();

        assertThat(jobs.awaitFinished(id).status()).isEqualTo("failed");
        SpanData attempt = named(awaitSpans(1), "jobfleet.attempt");
        assertThat(attempt.getTraceId()).isEqualTo(TRACE_ID);
        assertThat(attempt.getAttributes().get(AttributeKey.stringKey("jobfleet.outcome"))).isEqualTo("failed");
        assertThat(attempt.getAttributes().get(AttributeKey.stringKey("error.type"))).isEqualTo("bad_payload");
        assertThat(attempt.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
        assertThat(attempt.getStatus().getDescription()).as("the message, which may quote the payload, stays out")
                .isEqualTo("bad_payload");
    }

    @Test
    void aMalformedTraceparentIsDroppedAtEnqueueAndTheJobRunsInATraceOfItsOwn() {
        String hostile = "00-" + TRACE_ID.toUpperCase() + "-" + APP_SPAN_ID + "-01'; DROP TABLE jobs; --"
                + "x".repeat(10_000);
        llmServer.enqueue(new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json")
                .body(ANSWER).build());
        long id = jobs.enqueue(NewJob.of(QUEUE, "traced.llm", "{}").withTraceparent(hostile));
        assertThat(traceparentOf(id)).as("dropped by the jobs table's trigger").isNull();
        startWorker();

        assertThat(jobs.awaitFinished(id).status()).isEqualTo("completed");
        SpanData attempt = named(awaitSpans(2), "jobfleet.attempt");
        assertThat(attempt.getTraceId()).isNotEqualTo(TRACE_ID).isNotEqualTo(TRACE_ID.toUpperCase());
        assertThat(attempt.getParentSpanContext().isValid()).as("a root span").isFalse();
    }

    @Test
    void aMalformedTraceparentThatReachesTheWorkerDoesNotFailTheJob() {
        // the trigger is what keeps such values out; a worker must survive one that got past it
        String all0 = "00-00000000000000000000000000000000-" + APP_SPAN_ID + "-01";
        DB.db().jdbi().useHandle(h -> h.execute("ALTER TABLE " + DB.jobs() + " DISABLE TRIGGER jobs_traceparent_format"));
        long id;
        try {
            llmServer.enqueue(new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json")
                    .body(ANSWER).build());
            id = jobs.enqueue(NewJob.of(QUEUE, "traced.llm", "{}").withTraceparent(all0));
        } finally {
            DB.db().jdbi().useHandle(h -> h.execute("ALTER TABLE " + DB.jobs() + " ENABLE TRIGGER jobs_traceparent_format"));
        }
        assertThat(traceparentOf(id)).isEqualTo(all0);
        startWorker();

        JobRow done = jobs.awaitFinished(id);
        assertThat(done.status()).isEqualTo("completed");
        assertThat(done.lastError()).isNull();
        List<SpanData> all = awaitSpans(2);
        SpanData attempt = named(all, "jobfleet.attempt");
        assertThat(attempt.getParentSpanContext().isValid()).isFalse();
        assertThat(named(all, "chat").getParentSpanId()).isEqualTo(attempt.getSpanId());
    }

    @Test
    void aJobTheAppDidNotSampleExportsNothing() throws Exception {
        llmServer.enqueue(new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json")
                .body(ANSWER).build());
        long id = jobs.enqueue(NewJob.of(QUEUE, "traced.llm", "{}")
                .withTraceparent("00-" + TRACE_ID + "-" + APP_SPAN_ID + "-00"));
        startWorker();

        assertThat(jobs.awaitFinished(id).status()).isEqualTo("completed");
        assertThat(llmServer.getRequestCount()).isEqualTo(1);
        workers.close(); // every attempt has ended: its span would have been handed to the exporter
        assertThat(spans.getFinishedSpanItems()).isEmpty();
    }

    private String traceparentOf(long id) {
        return DB.db().jdbi().withHandle(h -> h.createQuery("SELECT traceparent FROM " + DB.jobs() + " WHERE id = :id")
                .bind("id", id).mapTo(String.class).one());
    }
}
