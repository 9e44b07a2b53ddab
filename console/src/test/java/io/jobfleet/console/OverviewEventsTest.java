package io.jobfleet.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.jobfleet.testing.TestDatabase;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The overview's live streams: at most {@link OverviewEvents#MAX_STREAMS}, however fast they are opened. */
class OverviewEventsTest {
    @RegisterExtension
    static final TestDatabase DB = new TestDatabase();

    static ConsoleFixture console;

    @BeforeAll
    static void start() {
        console = new ConsoleFixture(DB, false);
    }

    @AfterAll
    static void stop() {
        console.close();
    }

    @Test
    void concurrentOpensBeyondTheCapAreRefusedWith503() throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        int tries = OverviewEvents.MAX_STREAMS + 6;
        List<CompletableFuture<HttpResponse<InputStream>>> opens = new ArrayList<>();
        for (int i = 0; i < tries; i++) {
            opens.add(http.sendAsync(HttpRequest.newBuilder(URI.create(console.base() + "/events/overview"))
                    .header("Authorization", "Bearer " + console.token).GET().build(),
                    HttpResponse.BodyHandlers.ofInputStream()));
        }
        List<HttpResponse<InputStream>> answers = new ArrayList<>();
        for (CompletableFuture<HttpResponse<InputStream>> f : opens) {
            answers.add(f.get(30, TimeUnit.SECONDS));
        }
        try {
            assertThat(answers.stream().filter(a -> a.statusCode() == 200)).hasSize(OverviewEvents.MAX_STREAMS);
            assertThat(answers.stream().filter(a -> a.statusCode() == 503)).hasSize(tries - OverviewEvents.MAX_STREAMS);
            HttpResponse<InputStream> refused = answers.stream().filter(a -> a.statusCode() == 503).findFirst()
                    .orElseThrow();
            assertThat(new String(refused.body().readAllBytes())).contains("at most " + OverviewEvents.MAX_STREAMS);
            HttpResponse<InputStream> open = answers.stream().filter(a -> a.statusCode() == 200).findFirst()
                    .orElseThrow();
            byte[] first = open.body().readNBytes("event: stats".length());
            assertThat(new String(first)).isEqualTo("event: stats");
            // the pages still answer: the refused streams hold no thread
            HttpResponse<String> login = http.send(HttpRequest.newBuilder(URI.create(console.base() + "/login"))
                    .GET().build(), HttpResponse.BodyHandlers.ofString());
            assertThat(login.statusCode()).isEqualTo(200);
        } finally {
            for (HttpResponse<InputStream> a : answers) {
                a.body().close();
            }
        }
    }
}
