package io.jobfleet.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.jobfleet.config.DbConfig;
import io.jobfleet.config.Secret;
import io.jobfleet.db.Database;
import io.jobfleet.testing.TestDatabase;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The console's database pool: sized for its threads, and a busy or unreachable database answered 503. */
class ConsoleDatabaseTest {
    @RegisterExtension
    static final TestDatabase DB = new TestDatabase();

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void concurrentDiagnoseRequestsAllGetAConnectionFromTheConsolesPool() throws Exception {
        try (Database db = DB.openAnother("console-pool", ConsoleConfig.POOL_SIZE_DEFAULT);
             ConsoleFixture console = new ConsoleFixture(db, false)) {
            List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                calls.add(http.sendAsync(get(console, "/diagnose"), HttpResponse.BodyHandlers.ofString()));
            }
            for (CompletableFuture<HttpResponse<String>> c : calls) {
                HttpResponse<String> r = c.get(60, TimeUnit.SECONDS);
                assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
                assertThat(r.body()).contains("id=\"findings\"");
            }
        }
    }

    @Test
    void aRequestThatGetsNoConnectionIsAnswered503WithWhatHappened() throws Exception {
        try (Database db = DB.openAnother("console-busy", 2);
             ConsoleFixture console = new ConsoleFixture(db, false);
             Connection a = db.dataSource().getConnection();
             Connection b = db.dataSource().getConnection()) {
            HttpResponse<String> r = http.send(get(console, "/jobs"), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(503);
            assertThat(r.body()).contains("The database is busy or unreachable: ").contains("--db-pool-size")
                    .doesNotContain("Exception");
        }
    }

    @Test
    void aDatabaseThatIsDownIsAnswered503() throws Exception {
        DbConfig c = DB.config();
        DbConfig down = new DbConfig("jdbc:postgresql://127.0.0.1:1/nowhere", c.user(), Secret.empty(), c.schema(),
                c.appSchema(), 2);
        // a pool that connects on demand (a worker's), as the console's own is once the database
        // went away after its start (the console's pool refuses to start without one)
        try (Database db = Database.open(down, "console-down", new SimpleMeterRegistry()); ConsoleFixture console = new ConsoleFixture(db, false)) {
            for (String path : List.of("/", "/diagnose", "/events/overview")) {
                HttpResponse<String> r = http.send(get(console, path), HttpResponse.BodyHandlers.ofString());
                assertThat(r.statusCode()).as(path).isEqualTo(503);
                assertThat(r.body()).contains("The database is busy or unreachable: ").doesNotContain("Exception");
            }
        }
    }

    private static HttpRequest get(ConsoleFixture console, String path) {
        return HttpRequest.newBuilder(URI.create(console.base() + path)).timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + console.token).GET().build();
    }
}
