package io.jobfleet.console;

import io.jobfleet.db.Database;
import io.jobfleet.testing.TestDatabase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A console on a free loopback port over a test database, with an operator, a viewer and an operator token. */
final class ConsoleFixture implements AutoCloseable {
    static final String OPERATOR = "olivia";
    static final String VIEWER = "victor";
    static final String PASSWORD = "correct horse battery";
    /** Small, so that a test can see a stalled request closed; the JDK reads it once a JVM, so every fixture uses it. */
    static final Duration READ_TIMEOUT = Duration.ofSeconds(2);
    private static final Pattern SIGNIN_FIELD = Pattern.compile("name=\"" + SignIn.FIELD + "\" value=\"([^\"]+)\"");

    final ConsoleServer server;
    final String token;
    final Path users;

    ConsoleFixture(TestDatabase db, boolean viewerSeesPayloads) {
        this(db.db(), viewerSeesPayloads);
    }

    /** A console over this database (e.g. with a pool of another size, or one that cannot be reached). */
    ConsoleFixture(Database db, boolean viewerSeesPayloads) {
        this(db, viewerSeesPayloads, Clock.systemUTC());
    }

    /** A console whose sessions and sign-in locks go by {@code clock}. */
    ConsoleFixture(Database db, boolean viewerSeesPayloads, Clock clock) {
        try {
            users = Files.createTempDirectory("console-users").resolve("users");
            UsersFile.putPassword(users, OPERATOR, Role.OPERATOR, PASSWORD);
            UsersFile.putPassword(users, VIEWER, Role.VIEWER, PASSWORD);
            token = UsersFile.putToken(users, "deploy-script", Role.OPERATOR);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ConsoleConfig config = new ConsoleConfig("127.0.0.1", 0, users, viewerSeesPayloads,
                Set.of("password", "api_key"), false, Set.of("127.0.0.1"), "https://traces.example/t/{trace_id}",
                Duration.ofHours(1), Duration.ofMillis(300), READ_TIMEOUT);
        server = ConsoleServer.start(config, db, q -> "worker-" + q, clock);
    }

    /** The token in a sign-in page's form (GET /login sets the cookie holding the same). */
    static String signinToken(String page) {
        Matcher m = SIGNIN_FIELD.matcher(page);
        if (!m.find()) {
            throw new AssertionError("no sign-in token in: " + page);
        }
        return m.group(1);
    }

    /** The form a person posts to /login, with the sign-in token of the page it came from. */
    static String signInForm(String user, String password, String token) {
        return "username=" + Html.url(user) + "&password=" + Html.url(password) + "&" + SignIn.FIELD + "=" + token;
    }

    String base() {
        return "http://127.0.0.1:" + server.port();
    }

    @Override
    public void close() {
        server.stop();
    }
}
