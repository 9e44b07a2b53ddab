package io.jobfleet.console;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.jobfleet.testing.TestDatabase;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.LoggerFactory;

/**
 * The sign-in form over real HTTP: its token against sign-in CSRF, and the locks on guessed
 * passwords and tokens. A lock is per client address, so those tests send from addresses of
 * their own in 127.0.0.0/8 over raw sockets (the JDK's HTTP client cannot choose its address),
 * and pass a lock by moving the console's clock.
 */
class ConsoleSignInTest {
    @RegisterExtension
    static final TestDatabase DB = new TestDatabase();

    /** Cookies are sent by hand: a test says which ones a request carries. */
    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5)).build();
    final SettableClock clock = new SettableClock(Instant.parse("2026-03-01T09:00:00Z"));
    ConsoleFixture console;

    @BeforeEach
    void start() {
        console = new ConsoleFixture(DB.db(), false, clock);
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
        // six refusals, and no lock: a forged form is refused before any password is counted
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

    @Test
    void fiveWrongPasswordsLockTheNameFromEveryAddressAndNotEvenTheRightOneIsCheckedUntilTheLockEnds()
            throws Exception {
        Logger logger = (Logger) LoggerFactory.getLogger(SignInThrottle.class);
        ListAppender<ILoggingEvent> logs = new ListAppender<>();
        logs.start();
        logger.addAppender(logs);
        try {
            for (int i = 0; i < SignInThrottle.LOCK_AFTER; i++) {
                Answer wrong = signIn("127.0.0." + (10 + i), ConsoleFixture.OPERATOR, "guess-" + i + "-x7q");
                assertThat(wrong.status()).isEqualTo(401);
                assertThat(wrong.body()).contains(SignIn.WRONG);
            }
            assertLocked(signIn("127.0.0.20", ConsoleFixture.OPERATOR, ConsoleFixture.PASSWORD), 1);
            // locked, the password is not checked: without the users file a check could not even start
            Path away = Files.move(console.users, console.users.resolveSibling("away"));
            try {
                assertLocked(signIn("127.0.0.20", ConsoleFixture.OPERATOR, ConsoleFixture.PASSWORD), 1);
            } finally {
                Files.move(away, console.users);
            }
            clock.tick(Duration.ofMillis(999));
            assertLocked(signIn("127.0.0.20", ConsoleFixture.OPERATOR, ConsoleFixture.PASSWORD), 1);
            assertThat(signIn("127.0.0.20", ConsoleFixture.VIEWER, ConsoleFixture.PASSWORD).status())
                    .as("another name from the same address").isEqualTo(303);
            clock.tick(Duration.ofMillis(1));

            // the sixth failure in a row locks for twice as long
            assertThat(signIn("127.0.0.21", ConsoleFixture.OPERATOR, "guess-5-x7q").status()).isEqualTo(401);
            assertLocked(signIn("127.0.0.22", ConsoleFixture.OPERATOR, ConsoleFixture.PASSWORD), 2);
            clock.tick(Duration.ofSeconds(1));
            assertLocked(signIn("127.0.0.22", ConsoleFixture.OPERATOR, ConsoleFixture.PASSWORD), 1);
            clock.tick(Duration.ofSeconds(1));
            assertSignedIn(signIn("127.0.0.22", ConsoleFixture.OPERATOR, ConsoleFixture.PASSWORD));

            // that sign-in forgot the failures: four more, and the right password is still let through
            for (int i = 0; i < SignInThrottle.LOCK_AFTER - 1; i++) {
                assertThat(signIn("127.0.0.23", ConsoleFixture.OPERATOR, "guess-" + i + "-x7q").status()).isEqualTo(401);
            }
            assertSignedIn(signIn("127.0.0.23", ConsoleFixture.OPERATOR, ConsoleFixture.PASSWORD));
        } finally {
            logger.detachAppender(logs);
        }
        assertThat(logs.list).extracting(ILoggingEvent::getFormattedMessage)
                .contains("console: user olivia locked for 1 s after 5 failed passwords or tokens in a row",
                        "console: user olivia locked for 2 s after 6 failed passwords or tokens in a row")
                .noneMatch(m -> m.contains("x7q"));
        assertThat(logs.list).allMatch(e -> e.getLevel() == Level.WARN);
    }

    @Test
    void anUnknownNameGetsTheSameAnswersAsAKnownOne() throws Exception {
        List<List<String>> answers = new ArrayList<>();
        for (String[] who : new String[][] {{ConsoleFixture.OPERATOR, "127.0.0.30"}, {"nobody", "127.0.0.31"}}) {
            List<String> seen = new ArrayList<>();
            for (int i = 0; i <= SignInThrottle.LOCK_AFTER + 1; i++) {
                boolean last = i == SignInThrottle.LOCK_AFTER + 1;
                Answer a = signIn(who[1], who[0], last ? ConsoleFixture.PASSWORD : "guess-" + i);
                String body = a.body().replace(ConsoleFixture.signinToken(a.body()), "TOKEN");
                seen.add(a.status() + " " + a.header("Retry-After").orElse("-") + " " + body);
            }
            answers.add(seen);
        }
        assertThat(answers.get(0)).extracting(a -> a.substring(0, 5))
                .containsExactly("401 -", "401 -", "401 -", "401 -", "401 -", "429 1", "429 1");
        assertThat(answers.get(1)).isEqualTo(answers.get(0));
    }

    @Test
    void anAddressIsLockedForEveryNameAndItsBearerTokensWhileOtherAddressesAreNot() throws Exception {
        for (int i = 0; i < SignInThrottle.LOCK_AFTER; i++) {
            assertThat(signIn("127.0.0.40", "someone-" + i, "guess").status()).isEqualTo(401);
        }
        assertLocked(signIn("127.0.0.40", ConsoleFixture.OPERATOR, ConsoleFixture.PASSWORD), 1);
        Answer token = withToken("127.0.0.40", console.token);
        assertThat(token.status()).isEqualTo(429);
        assertThat(token.header("Retry-After")).hasValue("1");
        assertSignedIn(signIn("127.0.0.41", ConsoleFixture.OPERATOR, ConsoleFixture.PASSWORD));

        clock.tick(SignInThrottle.FIRST_LOCK);
        assertThat(withToken("127.0.0.40", console.token).status()).isEqualTo(200);
        assertSignedIn(signIn("127.0.0.40", ConsoleFixture.OPERATOR, ConsoleFixture.PASSWORD));
    }

    @Test
    void behindATrustedProxyTheClientIsTheLastForwardedAddressThatIsNotAProxy() throws Exception {
        // the fixture trusts 127.0.0.1 as a proxy; what a client writes before its own address counts for nothing
        for (int i = 0; i < SignInThrottle.LOCK_AFTER; i++) {
            assertThat(signIn("127.0.0.1", "198.51.100." + i + ", 203.0.113.5", "someone-" + i, "guess").status())
                    .isEqualTo(401);
        }
        assertLocked(signIn("127.0.0.1", "203.0.113.5", ConsoleFixture.OPERATOR, ConsoleFixture.PASSWORD), 1);
        assertSignedIn(signIn("127.0.0.1", "203.0.113.6", ConsoleFixture.OPERATOR, ConsoleFixture.PASSWORD));
        // from an address that is no trusted proxy the header is ignored: the lock is that address's own
        assertSignedIn(signIn("127.0.0.60", "203.0.113.5", ConsoleFixture.OPERATOR, ConsoleFixture.PASSWORD));
        // a header that names no address: the proxy's own
        assertSignedIn(signIn("127.0.0.1", "unknown", ConsoleFixture.OPERATOR, ConsoleFixture.PASSWORD));
    }

    @Test
    void guessedBearerTokensLockTheirAddressAndTheRightTokenIsRefusedUntilTheLockEnds() throws Exception {
        for (int i = 0; i < SignInThrottle.LOCK_AFTER; i++) {
            Answer wrong = withToken("127.0.0.50", "jft_guess" + i);
            assertThat(wrong.status()).as("sent to sign in, as before").isEqualTo(303);
        }
        Answer locked = withToken("127.0.0.50", console.token);
        assertThat(locked.status()).isEqualTo(429);
        assertThat(locked.header("Retry-After")).hasValue("1");
        assertThat(locked.body()).isEqualTo("too many failed sign-ins or tokens from this address: try again in 1 second\n");
        assertLocked(signIn("127.0.0.50", ConsoleFixture.OPERATOR, ConsoleFixture.PASSWORD), 1);
        assertThat(withToken("127.0.0.51", console.token).status()).isEqualTo(200);

        clock.tick(SignInThrottle.FIRST_LOCK);
        assertThat(withToken("127.0.0.50", "jft_guess5").status()).isEqualTo(303);
        assertThat(withToken("127.0.0.50", console.token).header("Retry-After")).as("the sixth doubles").hasValue("2");
        clock.tick(Duration.ofSeconds(2));
        assertThat(withToken("127.0.0.50", console.token).status()).isEqualTo(200);
    }

    /** 429 with Retry-After, the sign-in page saying how long, and no session. */
    private static void assertLocked(Answer a, int seconds) {
        assertThat(a.status()).isEqualTo(429);
        assertThat(a.header("Retry-After")).hasValue(Integer.toString(seconds));
        assertThat(a.body()).contains("Too many failed sign-ins: try again in " + seconds
                + (seconds == 1 ? " second." : " seconds.")).contains("id=\"sign-in\"");
        assertThat(a.headers("Set-Cookie")).noneMatch(c -> c.startsWith(ConsoleServer.COOKIE + "="));
    }

    private static void assertSignedIn(Answer a) {
        assertThat(a.status()).as(a.body()).isEqualTo(303);
        assertThat(a.headers("Set-Cookie")).anyMatch(c -> c.startsWith(ConsoleServer.COOKIE + "="));
    }

    /** 403, the sign-in page saying why with a new token, and no session. */
    private static void assertRefused(HttpResponse<String> r) {
        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(r.body()).contains(Html.esc(SignIn.EXPIRED)).contains("id=\"sign-in\"");
        String token = ConsoleFixture.signinToken(r.body());
        assertThat(r.headers().allValues("Set-Cookie")).containsExactly(r.headers().firstValue("Set-Cookie")
                .filter(c -> c.startsWith(SignIn.COOKIE + "=" + token + ";")).orElseThrow());
    }

    /** Opens the sign-in page from {@code from}, as a person does, and posts its form. */
    private Answer signIn(String from, String user, String password) throws IOException {
        return signIn(from, null, user, password);
    }

    /** As {@link #signIn(String, String, String)}, through a proxy that sends {@code X-Forwarded-For: forwardedFor}. */
    private Answer signIn(String from, String forwardedFor, String user, String password) throws IOException {
        String forwarded = forwardedFor == null ? "" : "X-Forwarded-For: " + forwardedFor + "\r\n";
        String token = ConsoleFixture.signinToken(send(from, "GET /login", forwarded.isEmpty() ? null
                : forwarded.strip(), null).body());
        return send(from, "POST /login", forwarded + "Cookie: " + SignIn.COOKIE + "=" + token,
                ConsoleFixture.signInForm(user, password, token));
    }

    /** GET /jobs from {@code from} as a script with this bearer token. */
    private Answer withToken(String from, String token) throws IOException {
        return send(from, "GET /jobs", "Authorization: Bearer " + token, null);
    }

    /** An answer read off a raw socket. */
    record Answer(int status, List<String[]> headerLines, String body) {
        List<String> headers(String name) {
            return headerLines.stream().filter(h -> h[0].equalsIgnoreCase(name)).map(h -> h[1]).toList();
        }

        Optional<String> header(String name) {
            return headers(name).stream().findFirst();
        }
    }

    /** One request from the loopback address {@code from}, on a connection of its own. */
    private Answer send(String from, String requestLine, String header, String form) throws IOException {
        try (Socket s = new Socket(InetAddress.getByName("127.0.0.1"), console.server.port(),
                InetAddress.getByName(from), 0)) {
            s.setSoTimeout(30_000);
            byte[] body = form == null ? new byte[0] : form.getBytes(StandardCharsets.UTF_8);
            String head = requestLine + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
                    + (header == null ? "" : header + "\r\n")
                    + (form == null ? "" : "Content-Type: application/x-www-form-urlencoded\r\n")
                    + "Content-Length: " + body.length + "\r\n\r\n";
            OutputStream out = s.getOutputStream();
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
            String answer = new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int end = answer.indexOf("\r\n\r\n");
            String[] lines = answer.substring(0, end).split("\r\n");
            List<String[]> headers = new ArrayList<>();
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                headers.add(new String[] {lines[i].substring(0, colon).strip(), lines[i].substring(colon + 1).strip()});
            }
            return new Answer(Integer.parseInt(lines[0].split(" ")[1]), headers, answer.substring(end + 4));
        }
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
