package io.jobfleet.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.jobfleet.db.JobRow;
import io.jobfleet.db.NewJob;
import io.jobfleet.testing.JobsTable;
import io.jobfleet.testing.TestDatabase;
import io.jobfleet.testing.TestHandler;
import io.jobfleet.testing.TestWorkers;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Malformed payloads and unknown kinds fail once with a readable error; the worker goes on. */
class BadInputTest {
    @RegisterExtension
    static final TestDatabase DB = new TestDatabase();

    record Greeting(@JsonProperty(value = "name", required = true) String name,
                    @JsonProperty(value = "times", required = true) int times,
                    @JsonProperty("tags") List<String> tags) {
    }

    @Test
    void badPayloadsAndUnknownKindsFailAtOnceWithReadableErrors() {
        AtomicInteger handled = new AtomicInteger();
        TestHandler<Greeting> greet = TestHandler.of("greet", Greeting.class, (g, ctx) -> {
            handled.incrementAndGet();
            return JobOutcome.done(Map.of("text", ("hello " + g.name() + " ").repeat(g.times()).trim()));
        });
        JobsTable jobs = new JobsTable(DB);
        Map<String, Long> ids = new java.util.LinkedHashMap<>();
        ids.put("array", jobs.enqueue("bad", "greet", "[1, 2]"));
        ids.put("string", jobs.enqueue("bad", "greet", "\"hello\""));
        ids.put("missing", jobs.enqueue("bad", "greet", "{\"times\": 2}"));
        ids.put("wrongType", jobs.enqueue("bad", "greet", "{\"name\": \"ann\", \"times\": \"two\"}"));
        ids.put("wrongNested", jobs.enqueue("bad", "greet", "{\"name\": \"ann\", \"times\": 1, \"tags\": {\"a\": 1}}"));
        ids.put("nullRequired", jobs.enqueue("bad", "greet", "{\"name\": \"ann\", \"times\": null}"));
        ids.put("unknownKind", jobs.enqueue("bad", "greet.v2", "{\"name\": \"ann\", \"times\": 1}"));
        long good = jobs.enqueue("bad", "greet", "{\"name\": \"bob\", \"times\": 2, \"extra\": true}");

        try (TestWorkers w = new TestWorkers()) {
            w.start(DB.db(), TestWorkers.config("bad"), greet);
            await().atMost(Duration.ofSeconds(20)).until(() ->
                    jobs.countByStatus().getOrDefault("pending", 0L) == 0
                    && jobs.countByStatus().getOrDefault("running", 0L) == 0);
        }

        Map<String, String> expected = Map.of(
                "array", "payload must be a JSON object, got an array",
                "string", "payload must be a JSON object, got a string",
                "missing", "payload is missing required field 'name'",
                "wrongType", "payload field 'times' must be an integer",
                "wrongNested", "payload field 'tags' must be an array",
                "nullRequired", "payload field 'times' must not be null",
                "unknownKind", "no handler for kind 'greet.v2' in queue 'bad' (this worker runs: greet)");
        ids.forEach((name, id) -> {
            JobRow row = jobs.get(id);
            assertThat(row.status()).as(name).isEqualTo("failed");
            assertThat(row.attempts()).as(name).isEqualTo(1);
            assertThat(row.lastError()).as(name).isEqualTo(expected.get(name));
            String cls = Payloads.tree(row.errors()).get(0).get("class").asText();
            assertThat(cls).as(name).isEqualTo(name.equals("unknownKind") ? "unknown_kind" : "bad_payload");
        });
        JobRow ok = jobs.get(good);
        assertThat(ok.status()).isEqualTo("completed");
        assertThat(Payloads.tree(ok.result()).get("text").asText()).isEqualTo("hello bob hello bob");
        assertThat(handled.get()).isEqualTo(1);
    }
}
