package io.jobfleet.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.jobfleet.testing.TestDatabase;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A session lasts only while the users file holds its user with the same role and password. */
class SessionRevocationTest {
    @RegisterExtension
    static final TestDatabase DB = new TestDatabase();

    ConsoleFixture console;

    @BeforeEach
    void start() {
        console = new ConsoleFixture(DB, false);
    }

    @AfterEach
    void stop() {
        console.close();
    }

    @Test
    void aDemotionWithANewPasswordEndsTheOperatorsSession() throws Exception {
        HttpClient olivia = signedIn(ConsoleFixture.OPERATOR);
        assertThat(get(olivia, "/confirm?action=pause&queue=q").statusCode()).isEqualTo(200);

        UsersFile.putPassword(console.users, ConsoleFixture.OPERATOR, Role.VIEWER, "a brand new password");
        HttpResponse<String> after = get(olivia, "/confirm?action=pause&queue=q");
        assertThat(after.statusCode()).isEqualTo(303);
        assertThat(after.headers().firstValue("Location")).hasValue("/login");
        assertThat(post(olivia, "/actions/pause", "queue=q").statusCode()).isEqualTo(401);
        assertThat(DB.db().admin().flow().pauses(null)).isEmpty();
    }

    @Test
    void aNewPasswordAloneOrARemovalEndsTheSessionButAnotherUsersChangeDoesNot() throws Exception {
        HttpClient olivia = signedIn(ConsoleFixture.OPERATOR);
        HttpClient victor = signedIn(ConsoleFixture.VIEWER);

        UsersFile.putPassword(console.users, "someone-else", Role.VIEWER, "another long password");
        assertThat(get(olivia, "/jobs").statusCode()).isEqualTo(200);
        assertThat(get(victor, "/jobs").statusCode()).isEqualTo(200);

        UsersFile.putPassword(console.users, ConsoleFixture.OPERATOR, Role.OPERATOR, "a brand new password");
        assertThat(get(olivia, "/jobs").statusCode()).isEqualTo(303);

        List<String> kept = Files.readAllLines(console.users, StandardCharsets.UTF_8).stream()
                .filter(l -> !l.startsWith(ConsoleFixture.VIEWER + ":")).toList();
        Files.write(console.users, kept, StandardCharsets.UTF_8);
        assertThat(get(victor, "/jobs").statusCode()).isEqualTo(303);
    }

    private HttpClient signedIn(String user) throws Exception {
        HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();
        String token = ConsoleFixture.signinToken(get(http, "/login").body());
        HttpResponse<String> r = post(http, "/login", ConsoleFixture.signInForm(user, ConsoleFixture.PASSWORD, token));
        assertThat(r.statusCode()).isEqualTo(303);
        return http;
    }

    private HttpResponse<String> get(HttpClient http, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(console.base() + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(HttpClient http, String path, String form) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(console.base() + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
