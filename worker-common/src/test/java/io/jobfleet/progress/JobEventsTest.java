package io.jobfleet.progress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.jobfleet.db.NewJob;
import io.jobfleet.engine.JobOutcome;
import io.jobfleet.engine.Payloads;
import io.jobfleet.engine.RetryableJobException;
import io.jobfleet.testing.JobsTable;
import io.jobfleet.testing.TestDatabase;
import io.jobfleet.testing.TestHandler;
import io.jobfleet.testing.TestWorkers;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/** A real LISTEN connection on <schema>.job_events receives each job's start, progress and end, in order. */
class JobEventsTest {
    @RegisterExtension
    static final TestDatabase DB = new TestDatabase();
    private final JobsTable jobs = new JobsTable(DB);
    private final List<JsonNode> events = new ArrayList<>();
    private Connection listen;

    @BeforeEach
    void listen() throws Exception {
        DB.truncateJobs();
        // status events are off until the owner turns them on (docs/progress.md)
        DB.db().jdbi().useHandle(h -> h.execute("ALTER TABLE " + DB.jobs() + " ENABLE TRIGGER jobs_notify_job_status"));
        listen = DB.db().openDedicatedConnection("job-events-test");
        try (Statement s = listen.createStatement()) {
            s.execute("LISTEN \"" + DB.db().jobEventsChannel() + "\"");
        }
    }

    @AfterEach
    void close() throws Exception {
        DB.db().jdbi().useHandle(h -> h.execute("ALTER TABLE " + DB.jobs() + " DISABLE TRIGGER jobs_notify_job_status"));
        listen.close();
    }

    /** The events received so far for job {@code id}, as "event" or "event done/total". */
    private List<String> eventsOf(long id) throws Exception {
        PGNotification[] got = listen.unwrap(PGConnection.class).getNotifications(100);
        if (got != null) {
            for (PGNotification n : got) {
                assertThat(n.getName()).isEqualTo(DB.db().jobEventsChannel());
                events.add(Payloads.tree(n.getParameter()));
            }
        }
        List<String> out = new ArrayList<>();
        for (JsonNode e : events) {
            if (e.path("id").asLong() == id) {
                JsonNode p = e.path("progress");
                out.add(e.path("event").asText() + (e.path("event").asText().equals("progress")
                        ? " " + p.path("done").asLong() + "/" + p.path("total").asLong() : ""));
            }
        }
        return out;
    }

    @Test
    void aListenerReceivesStartProgressAndCompletionInOrder() throws Exception {
        CountDownLatch firstSeen = new CountDownLatch(1);
        long id = jobs.enqueue(NewJob.of("events", "steps", "{}"));
        try (TestWorkers w = new TestWorkers()) {
            w.start(DB.db(), TestWorkers.config("events"), TestHandler.json("steps", (p, ctx) -> {
                ctx.progress(1, 2, "steps");
                assertThat(firstSeen.await(10, TimeUnit.SECONDS)).isTrue();
                ctx.progress(2, 2, "steps");
                return JobOutcome.done("ok");
            }));
            await().atMost(Duration.ofSeconds(5)).until(() -> eventsOf(id).contains("progress 1/2"));
            firstSeen.countDown();
            await().atMost(Duration.ofSeconds(10)).until(() -> eventsOf(id).contains("completed"));
        }
        assertThat(eventsOf(id)).containsExactly("running", "progress 1/2", "progress 2/2", "completed");
        JsonNode completed = events.get(events.size() - 1);
        assertThat(completed.path("queue").asText()).isEqualTo("events");
        assertThat(completed.path("kind").asText()).isEqualTo("steps");
        assertThat(completed.path("status").asText()).isEqualTo("completed");
        assertThat(completed.path("progress").path("stage").asText()).isEqualTo("steps");
    }

    @Test
    void withStatusEventsOffOnlyProgressIsSent() throws Exception {
        DB.db().jdbi().useHandle(h -> h.execute("ALTER TABLE " + DB.jobs() + " DISABLE TRIGGER jobs_notify_job_status"));
        long id = jobs.enqueue(NewJob.of("events", "steps", "{}"));
        try (TestWorkers w = new TestWorkers()) {
            w.start(DB.db(), TestWorkers.config("events"), TestHandler.json("steps", (p, ctx) -> {
                ctx.progress(1, 1, "steps");
                return JobOutcome.done("ok");
            }));
            jobs.awaitFinished(id);
            await().atMost(Duration.ofSeconds(5)).until(() -> eventsOf(id).contains("progress 1/1"));
        }
        assertThat(eventsOf(id)).containsExactly("progress 1/1");
    }

    @Test
    void retriesAndCancellationsAreEventsToo() throws Exception {
        long flaky = jobs.enqueue(NewJob.of("events", "flaky", "{}"));
        try (TestWorkers w = new TestWorkers()) {
            w.start(DB.db(), TestWorkers.config("events"), TestHandler.json("flaky", (p, ctx) -> {
                if (ctx.attempt() == 1) {
                    throw new RetryableJobException("flaky", "first attempt fails");
                }
                return JobOutcome.done("ok");
            }));
            await().atMost(Duration.ofSeconds(10)).until(() -> eventsOf(flaky).contains("completed"));
        }
        assertThat(eventsOf(flaky)).containsExactly("running", "retry_scheduled", "running", "completed");

        long later = jobs.enqueue(NewJob.of("events", "flaky", "{}").withDelay(Duration.ofHours(1)));
        assertThat(DB.db().queue().cancel(later)).isTrue();
        await().atMost(Duration.ofSeconds(5)).until(() -> eventsOf(later).contains("cancelled"));
        assertThat(eventsOf(later)).containsExactly("cancelled");
    }
}
