package io.jobfleet.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.OutputStreamAppender;
import com.fasterxml.jackson.databind.JsonNode;
import io.jobfleet.db.NewJob;
import io.jobfleet.testing.JobsTable;
import io.jobfleet.testing.TestDatabase;
import io.jobfleet.testing.TestHandler;
import io.jobfleet.testing.TestWorkers;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import net.logstash.logback.encoder.LogstashEncoder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The JSON log lines about a job carry job_id, queue, kind, attempt and worker, whichever thread
 * writes them: the handler, the completer, the watchdog, the heartbeat or the rescuer.
 */
class JsonLogFieldsTest {
    @RegisterExtension
    static final TestDatabase DB = new TestDatabase();
    private static final String QUEUE = "logged";
    private static final Logger handlerLog = LoggerFactory.getLogger("test.handler");

    private final ByteArrayOutputStream captured = new ByteArrayOutputStream();
    private final LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    private OutputStreamAppender<ILoggingEvent> appender;
    private Level runnerLevel;

    @BeforeEach
    void captureJson() {
        LogstashEncoder encoder = new LogstashEncoder();
        encoder.setContext(context);
        for (String key : new String[] {"job_id", "queue", "kind", "attempt", "worker"}) {
            encoder.addIncludeMdcKeyName(key);
        }
        encoder.start();
        appender = new OutputStreamAppender<>();
        appender.setContext(context);
        appender.setName("json-capture");
        appender.setEncoder(encoder);
        appender.setOutputStream(captured);
        appender.start();
        context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).addAppender(appender);
        ch.qos.logback.classic.Logger runner = context.getLogger(AttemptRunner.class);
        runnerLevel = runner.getLevel();
        runner.setLevel(Level.INFO);
    }

    @AfterEach
    void stopCapture() {
        context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).detachAppender(appender);
        appender.stop();
        context.getLogger(AttemptRunner.class).setLevel(runnerLevel);
    }

    @Test
    void everyLineAboutAJobCarriesItsFieldsAndTheWorker() throws Exception {
        JobsTable jobs = new JobsTable(DB);
        CountDownLatch blocking = new CountDownLatch(1);
        TestHandler<JsonNode> failing = TestHandler.json("flaky", (p, ctx) -> {
            handlerLog.info("handling job {}", ctx.jobId());
            throw new IllegalStateException("the backend said no");
        });
        TestHandler<JsonNode> hanging = TestHandler.json("hang", (p, ctx) -> {
            blocking.countDown();
            new CountDownLatch(1).await();
            return JobOutcome.done(null);
        });
        long failed = jobs.enqueue(NewJob.of(QUEUE, "flaky", "{}").withMaxAttempts(2));
        long timedOut = jobs.enqueue(NewJob.of(QUEUE, "hang", "{\"t\": 1}").withTimeoutSeconds(1).withMaxAttempts(1));
        long orphan = DB.db().jdbi().withHandle(h -> h.createQuery("INSERT INTO " + DB.jobs() + " (queue, kind, status, "
                + "attempts, locked_by, lease_until, started_at) VALUES (:q, 'lost', 'running', 1, 'gone-worker', "
                + "now() - interval '1 minute', now() - interval '2 minutes') RETURNING id")
                .bind("q", QUEUE).mapTo(Long.class).one());

        String workerId;
        try (TestWorkers w = new TestWorkers()) {
            Worker worker = w.start(DB.db(), TestWorkers.builder(QUEUE).lease(Duration.ofSeconds(3))
                    .rescueInterval(Duration.ofSeconds(1)).build(), failing, hanging);
            workerId = worker.workerId();
            await().atMost(Duration.ofSeconds(20)).until(() -> jobs.get(failed).status().equals("failed")
                    && jobs.get(timedOut).status().equals("failed") && !jobs.get(orphan).status().equals("running"));

            long cancelled = jobs.enqueue(NewJob.of(QUEUE, "hang", "{\"t\": 2}"));
            assertThat(blocking.await(20, TimeUnit.SECONDS)).isTrue();
            await().atMost(Duration.ofSeconds(10)).until(() -> jobs.get(cancelled).status().equals("running"));
            assertThat(DB.db().queue().cancel(cancelled)).isTrue();
            await().atMost(Duration.ofSeconds(10)).until(() -> lines().stream().anyMatch(l ->
                    l.path("logger_name").asText().equals("io.jobfleet.lease.LeaseKeeper")));

            List<JsonNode> lines = lines();
            assertAbout(lines, "test.handler", failed, "flaky", 1, workerId, "handling job " + failed);
            assertAbout(lines, "io.jobfleet.engine.AttemptRunner", failed, "flaky", 1, workerId, "will retry");
            assertAbout(lines, "io.jobfleet.engine.AttemptRunner", failed, "flaky", 2, workerId, "failed (error) after attempt 2/2");
            assertAbout(lines, "io.jobfleet.watchdog.TimeoutWatchdog", timedOut, "hang", 1, workerId, "ran past its 1 s timeout");
            assertAbout(lines, "io.jobfleet.lease.OrphanRescuer", orphan, "lost", 1, workerId, "from worker gone-worker");
            assertAbout(lines, "io.jobfleet.lease.LeaseKeeper", cancelled, "hang", 1, workerId, "no longer held");
            for (JsonNode l : lines) {
                if (l.path("thread_name").asText().startsWith("jobfleet-")) {
                    assertThat(l.path("worker").asText()).as("worker on %s", l).isEqualTo(workerId);
                }
            }
        }
    }

    private static void assertAbout(List<JsonNode> lines, String logger, long jobId, String kind, int attempt,
                                    String worker, String text) {
        JsonNode line = lines.stream()
                .filter(l -> l.path("logger_name").asText().equals(logger))
                .filter(l -> l.path("message").asText().contains(text))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no line of " + logger + " containing '" + text + "' in " + lines));
        assertThat(line.path("job_id").asText()).as("job_id of %s", line).isEqualTo(Long.toString(jobId));
        assertThat(line.path("queue").asText()).as("queue of %s", line).isEqualTo(QUEUE);
        assertThat(line.path("kind").asText()).as("kind of %s", line).isEqualTo(kind);
        assertThat(line.path("attempt").asText()).as("attempt of %s", line).isEqualTo(Integer.toString(attempt));
        assertThat(line.path("worker").asText()).as("worker of %s", line).isEqualTo(worker);
    }

    private List<JsonNode> lines() {
        String text;
        synchronized (captured) {
            text = captured.toString(StandardCharsets.UTF_8);
        }
        List<JsonNode> out = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (!line.isBlank()) {
                JsonNode n = Payloads.tree(line);
                assertThat(n.isObject()).as("a JSON object per line: %s", line).isTrue();
                out.add(n);
            }
        }
        return out;
    }
}
