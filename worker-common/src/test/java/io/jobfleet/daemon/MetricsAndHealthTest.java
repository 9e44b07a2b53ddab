package io.jobfleet.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.jobfleet.db.FlowControlSql;
import io.jobfleet.config.ConfigException;
import io.jobfleet.config.EngineConfig;
import io.jobfleet.config.HttpConfig;
import io.jobfleet.config.Secret;
import io.jobfleet.llm.LlmConfig;
import io.jobfleet.config.RetentionConfig;
import io.jobfleet.db.NewJob;
import io.jobfleet.engine.JobHandler;
import io.jobfleet.engine.JobOutcome;
import io.jobfleet.engine.Payloads;
import io.jobfleet.engine.PermanentJobException;
import io.jobfleet.engine.Worker;
import io.jobfleet.family.FamilyRuntime;
import io.jobfleet.family.WorkerFamily;
import io.jobfleet.testing.JobsTable;
import io.jobfleet.testing.TestDatabase;
import io.jobfleet.testing.TestHandler;
import io.jobfleet.testing.TestWorkers;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A worker process wired as {@code run} does: /metrics, /health/live and /health/ready on an ephemeral port. */
class MetricsAndHealthTest {
    @RegisterExtension
    static final TestDatabase DB = new TestDatabase();
    private static final String QUEUE = "metered";

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final JobsTable jobs = new JobsTable(DB);

    @Test
    void metricsMoveAndReadinessFollowsTheDatabase() throws Exception {
        try (WorkerDaemon daemon = WorkerDaemon.open(config())) {
            int port = daemon.httpPort().orElseThrow();
            assertThat(get(port, "/health/live").statusCode()).isEqualTo(200);
            HttpResponse<String> early = get(port, "/health/ready");
            assertThat(early.statusCode()).as("not ready before the worker starts").isEqualTo(503);
            assertThat(json(early).get("reason").asText()).contains("not running");

            daemon.start();
            await().atMost(Duration.ofSeconds(10)).until(() -> get(port, "/health/ready").statusCode() == 200);
            HttpResponse<String> ready = get(port, "/health/ready");
            assertThat(ready.headers().firstValue("Content-Type")).contains("application/json");
            assertThat(json(ready).get("status").asText()).isEqualTo("ready");

            List<Long> ids = List.of(enqueue("ok"), enqueue("ok"), enqueue("ok"), enqueue("boom"));
            await().atMost(Duration.ofSeconds(20)).until(() -> ids.stream()
                    .map(id -> jobs.get(id).status()).allMatch(s -> s.equals("completed") || s.equals("failed")));

            // the queue gauges are first read by this scrape: they show the pauses stored now
            DB.db().admin().flow().pause(QUEUE, null, "incident", "test", null);
            DB.db().admin().flow().pause(QUEUE, "ok", "incident", "test", null);
            DB.db().admin().flow().setKeyRule(QUEUE, "ok", 1, true, null, "test");
            DB.db().admin().flow().setRateLimit(FlowControlSql.claimBucket(QUEUE, null), 5, 1, 5, "test");
            HttpResponse<String> scrape = get(port, "/metrics");
            assertThat(scrape.statusCode()).isEqualTo(200);
            assertThat(scrape.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain");
            String m = scrape.body();
            assertThat(value(m, "jobfleet_jobs_completed_total", "kind=\"ok\"")).isEqualTo(3.0);
            assertThat(value(m, "jobfleet_jobs_failed_total", "error_class=\"bad_payload\"")).isEqualTo(1.0);
            assertThat(value(m, "jobfleet_jobs_claimed_total", "queue=\"" + QUEUE + "\"")).isEqualTo(4.0);
            assertThat(value(m, "jobfleet_attempt_duration_seconds_count", "outcome=\"completed\"")).isEqualTo(3.0);
            assertThat(m).contains("jobfleet_attempt_duration_seconds_bucket{");
            assertThat(value(m, "hikaricp_connections", "pool=\"jobfleet-metered\"")).isPositive();
            assertThat(m).contains("hikaricp_connections_acquire_seconds_count", "jvm_memory_used_bytes{",
                    "jvm_threads_live_threads", "process_uptime_seconds", "system_cpu_count", "jvm_gc_");
            assertThat(m).contains("jobfleet_queue_depth_jobs{queue=\"" + QUEUE + "\",status=\"due\"}",
                    "jobfleet_queue_depth_jobs{queue=\"" + QUEUE + "\",status=\"running\"}",
                    "jobfleet_queue_lag_seconds{queue=\"" + QUEUE + "\"}");
            assertThat(value(m, "jobfleet_in_flight_attempts", "queue=\"" + QUEUE + "\"")).isZero();
            assertThat(value(m, "jobfleet_claiming_paused", "queue=\"" + QUEUE + "\"")).isZero();
            assertThat(value(m, "jobfleet_queue_paused", "queue=\"" + QUEUE + "\"")).isEqualTo(1.0);
            assertThat(value(m, "jobfleet_queue_paused_kinds", "queue=\"" + QUEUE + "\"")).isEqualTo(1.0);
            assertThat(value(m, "jobfleet_queue_limits", "limit=\"keys\"")).isEqualTo(1.0);
            assertThat(value(m, "jobfleet_queue_limits", "limit=\"rate\"")).isEqualTo(1.0);
            assertThat(value(m, "jobfleet_queue_limits", "limit=\"cap\"")).isZero();

            assertThat(get(port, "/nothing").statusCode()).isEqualTo(404);
            assertThat(http.send(HttpRequest.newBuilder(uri(port, "/metrics")).POST(HttpRequest.BodyPublishers.noBody())
                    .build(), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(405);

            daemon.database().close();
            await().atMost(Duration.ofSeconds(10)).until(() -> get(port, "/health/ready").statusCode() == 503);
            JsonNode down = json(get(port, "/health/ready"));
            assertThat(down.get("status").asText()).isEqualTo("not ready");
            assertThat(down.get("reason").asText()).startsWith("the database check failed");
            assertThat(get(port, "/health/live").statusCode()).as("the process itself is fine").isEqualTo(200);
        }
    }

    @Test
    void notReadyWhileShuttingDownAndNotLiveOnceStopped() throws Exception {
        try (WorkerDaemon daemon = WorkerDaemon.open(config())) {
            int port = daemon.httpPort().orElseThrow();
            Worker worker = daemon.createWorker();
            daemon.start();
            await().atMost(Duration.ofSeconds(10)).until(() -> get(port, "/health/ready").statusCode() == 200);
            worker.shutdown(Duration.ofSeconds(1));
            HttpResponse<String> ready = get(port, "/health/ready");
            assertThat(ready.statusCode()).isEqualTo(503);
            assertThat(json(ready).get("reason").asText()).contains("shutting down");
            HttpResponse<String> live = get(port, "/health/live");
            assertThat(live.statusCode()).isEqualTo(503);
            assertThat(json(live).get("status").asText()).isEqualTo("stopped");
        }
    }

    @Test
    void aPortInUseFailsWithAMessageThatSaysWhatToChange() throws Exception {
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            DaemonConfig c = config();
            DaemonConfig busy = new DaemonConfig(c.family(), c.engine(), c.db(),
                    new HttpConfig("127.0.0.1", taken.getLocalPort()), c.retention(), c.llm());
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> WorkerDaemon.open(busy))
                    .isInstanceOf(ConfigException.class)
                    .hasMessageContaining("cannot serve metrics and health on 127.0.0.1:" + taken.getLocalPort())
                    .hasMessageContaining("--http-port");
        }
        DaemonConfig c = config();
        try (WorkerDaemon off = WorkerDaemon.open(new DaemonConfig(c.family(), c.engine(), c.db(),
                HttpConfig.disabled(), c.retention(), c.llm()))) {
            assertThat(off.httpPort()).isEmpty();
        }
    }

    @Test
    void workersWithoutAPortTakeTheFirstFreeOnesAndSayWhichInLiveness() throws Exception {
        DaemonConfig c = config();
        DaemonConfig noPort = new DaemonConfig(c.family(), c.engine(), c.db(), HttpConfig.firstFree("127.0.0.1"),
                c.retention(), c.llm());
        List<WorkerDaemon> daemons = new ArrayList<>();
        try {
            Set<Integer> ports = new HashSet<>();
            for (int i = 0; i < 3; i++) {
                WorkerDaemon d = WorkerDaemon.open(noPort);
                daemons.add(d);
                int port = d.httpPort().orElseThrow();
                assertThat(port).isBetween(HttpConfig.PORT_DEFAULT, HttpConfig.LAST_PORT_DEFAULT);
                ports.add(port);
                JsonNode live = json(get(port, "/health/live"));
                assertThat(live.get("status").asText()).isEqualTo("live");
                assertThat(live.get("port").asInt()).isEqualTo(port);
                assertThat(live.get("worker").asText()).isEqualTo(d.workerId());
            }
            assertThat(ports).as("three workers on one host, each on its own port").hasSize(3);
        } finally {
            daemons.forEach(WorkerDaemon::close);
        }
    }

    private DaemonConfig config() {
        EngineConfig engine = TestWorkers.builder(QUEUE).concurrency(2).build();
        return new DaemonConfig(new Metered(), engine, DB.config().withPoolSize(6), new HttpConfig("127.0.0.1", 0),
                RetentionConfig.defaults(), LlmConfig.defaults("http://127.0.0.1:9/v1", Secret.empty()));
    }

    private long enqueue(String kind) {
        return jobs.enqueue(NewJob.of(QUEUE, kind, "{}"));
    }

    private HttpResponse<String> get(int port, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(uri(port, path)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static URI uri(int port, String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private static JsonNode json(HttpResponse<String> r) {
        return Payloads.tree(r.body());
    }

    /** The value of the first sample of {@code name} whose labels contain {@code label}. */
    private static double value(String scrape, String name, String label) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(name) + "\\{([^}]*)\\} (\\S+)$").matcher(scrape);
        while (m.find()) {
            if (m.group(1).contains(label)) {
                return Double.parseDouble(m.group(2));
            }
        }
        throw new AssertionError("no sample " + name + "{..." + label + "...} in:\n" + scrape);
    }

    /** A family with a handler that completes and one that fails for good. */
    static final class Metered implements WorkerFamily {
        @Override
        public String name() {
            return "metered";
        }

        @Override
        public String queue() {
            return QUEUE;
        }

        @Override
        public List<String> kinds() {
            return List.of("ok", "boom");
        }

        @Override
        public List<JobHandler<?>> handlers(FamilyRuntime runtime) {
            return List.of(TestHandler.json("ok", (p, ctx) -> JobOutcome.done(null)),
                    TestHandler.json("boom", (p, ctx) -> {
                        throw new PermanentJobException("bad_payload", "no such document");
                    }));
        }
    }
}
