package io.jobfleet.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.jobfleet.testing.TestDatabase;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The sign-in form over real HTTP: its token against sign-in CSRF. */
class ConsoleSignInTest {
    @RegisterExtension
    static final TestDatabase DB = new TestDatabase();

    /** Cookies are sent by hand: a test says which ones a request carries. */
    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5)).build();
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
    void aSignInWithoutTheFormsTokenOrWithAnotherOneIsRefusedWith403AndANewForm() throws Exception {
        String right = "username=" + ConsoleFixture.OPERATOR + "&password=" + Html.url(ConsoleFixture.PASSWORD);
        String token = ConsoleFixture.signinToken(get("/login").body());

        // what another site's form sends: the right password, and neither the cookie nor the field
        assertRefused(post(right, null));
        // the field alone (a token the site fetched for itself), or the cookie alone
        assertRefused(post(right + "&" + SignIn.FIELD + "=" + token, null));
        assertRefused(post(right, token));
        // a cookie and a field that differ, or are both empty
        String other = ConsoleFixture.signinToken(get("/login").body());
        assertRefused(post(right + "&" + SignIn.FIELD + "=" + other, token));
        assertRefused(post(right + "&" + SignIn.FIELD + "=", ""));

        HttpResponse<String> refused = post(right, null);
        String fresh = ConsoleFixture.signinToken(refused.body());
        assertThat(refused.headers().firstValue("Set-Cookie")).hasValueSatisfying(c ->
                assertThat(c).startsWith(SignIn.COOKIE + "=" + fresh + ";"));
        HttpResponse<String> signedIn = post(ConsoleFixture.signInForm(ConsoleFixture.OPERATOR,
                ConsoleFixture.PASSWORD, fresh), fresh);
        assertThat(signedIn.statusCode()).as("the refusal's new form signs in").isEqualTo(303);
        assertThat(signedIn.headers().allValues("Set-Cookie")).anyMatch(c -> c.startsWith(ConsoleServer.COOKIE + "="));
    }

    @Test
    void theSignInPageKeepsTheTokenTheBrowserHoldsSoAnotherVisitDoesNotSpoilAnOpenForm() throws Exception {
        String token = ConsoleFixture.signinToken(get("/login").body());
        // a browser that fetches /favicon.ico unsigned is sent to /login too, with the cookie it holds
        HttpResponse<String> again = http.send(HttpRequest.newBuilder(URI.create(console.base() + "/login"))
                .header("Cookie", SignIn.COOKIE + "=" + token).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(ConsoleFixture.signinToken(again.body())).isEqualTo(token);
        assertThat(post(ConsoleFixture.signInForm(ConsoleFixture.OPERATOR, ConsoleFixture.PASSWORD, token), token)
                .statusCode()).isEqualTo(303);
        // a cookie this console did not make is replaced
        HttpResponse<String> odd = http.send(HttpRequest.newBuilder(URI.create(console.base() + "/login"))
                .header("Cookie", SignIn.COOKIE + "=chosen-by-someone").GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(ConsoleFixture.signinToken(odd.body())).isNotEqualTo("chosen-by-someone").hasSize(43);
    }

    /** 403, the sign-in page saying why with a new token, and no session. */
    private static void assertRefused(HttpResponse<String> r) {
        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(r.body()).contains(Html.esc(SignIn.EXPIRED)).contains("id=\"sign-in\"");
        String token = ConsoleFixture.signinToken(r.body());
        assertThat(r.headers().allValues("Set-Cookie")).containsExactly(r.headers().firstValue("Set-Cookie")
                .filter(c -> c.startsWith(SignIn.COOKIE + "=" + token + ";")).orElseThrow());
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(console.base() + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** A POST /login carrying {@code signinCookie} (none when null). */
    private HttpResponse<String> post(String form, String signinCookie) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(console.base() + "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form));
        if (signinCookie != null) {
            b.header("Cookie", SignIn.COOKIE + "=" + signinCookie);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }
}
