package io.jobfleet.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.jobfleet.testing.JobsInEveryState;
import io.jobfleet.testing.JobsTable;
import io.jobfleet.testing.TestDatabase;
import io.jobfleet.testing.WorkerProcess;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code run} in its own JVM: the flags reach the HTTP server and the pruner, SIGTERM stops both.
 * A start that fails before the worker runs needs no JVM of its own: it goes through the same
 * command line in this one.
 */
class RunCommandHttpTest {
    @RegisterExtension
    static final TestDatabase DB = new TestDatabase();

    @Test
    void runServesMetricsAndHealthOnTheChosenPortAndPrunes() throws Exception {
        JobsInEveryState f = JobsInEveryState.insert(DB);
        JobsTable jobs = new JobsTable(DB);
        HttpClient http = HttpClient.newHttpClient();
        try (WorkerProcess worker = WorkerProcess.testWorker("http", DB.config(), "--http-port=0",
                "--http-host=127.0.0.1", "--retention=7d", "--concurrency=1")) {
            worker.awaitOutput("metrics and health on http://127.0.0.1:", Duration.ofSeconds(60));
            Matcher m = Pattern.compile("metrics and health on http://127\\.0\\.0\\.1:(\\d+)").matcher(worker.output());
            assertThat(m.find()).isTrue();
            URI base = URI.create("http://127.0.0.1:" + m.group(1));
            await().atMost(Duration.ofSeconds(30)).until(() -> status(http, base.resolve("/health/ready")) == 200);
            String metrics = http.send(HttpRequest.newBuilder(base.resolve("/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            assertThat(metrics).contains("jobfleet_queue_depth_jobs{queue=\"test\"", "hikaricp_connections{",
                    "jvm_memory_used_bytes{");
            await().atMost(Duration.ofSeconds(30)).until(() -> jobs.all().stream().noneMatch(j -> f.old().contains(j.id())));
            assertThat(worker.output()).contains("finished jobs older than 7d are pruned every 1h",
                    "pruned 3 finished job(s) older than 7d");

            worker.signal("TERM");
            assertThat(worker.waitFor(Duration.ofSeconds(30))).as(worker.output()).isZero();
        }
    }

    @Test
    void anExplicitPortThatIsTakenFailsTheStartWithAUsageExit() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Cli.Result r = Cli.run(DB, "run", "--http-port=" + taken.getLocalPort(), "--http-host=127.0.0.1");
            assertThat(r.exit()).as(r.toString()).isEqualTo(ExitCodes.USAGE);
            assertThat(r.err()).contains("cannot serve metrics and health on 127.0.0.1:" + taken.getLocalPort(),
                    "choose another --http-port / JOBFLEET_HTTP_PORT");
        }
    }

    private static int status(HttpClient http, URI uri) {
        try {
            return http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (Exception e) {
            return -1;
        }
    }
}
