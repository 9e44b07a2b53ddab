package io.jobfleet.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code console add-user}: the password from standard input, hashes in a file only its owner reads. */
class AddUserCommandTest {
    @TempDir
    Path dir;

    private int run(String stdin, StringWriter out, String... args) {
        InputStream saved = System.in;
        System.setIn(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
        try {
            CommandLine cl = new CommandLine(new ConsoleCommand(q -> q));
            cl.setOut(new PrintWriter(out, true));
            cl.setErr(new PrintWriter(new StringWriter(), true));
            return cl.execute(args);
        } finally {
            System.setIn(saved);
        }
    }

    @Test
    void addsUsersAndTokensThatSignInAndReplacesARepeatedName() throws Exception {
        Path file = dir.resolve("users");
        assertThat(run("first password 1\n", new StringWriter(), "add-user", "--users-file", file.toString(),
                "--role", "operator", "olivia")).isZero();
        assertThat(run("second password 2\n", new StringWriter(), "add-user", "--users-file", file.toString(),
                "--role", "operator", "olivia")).isZero();
        StringWriter tokenOut = new StringWriter();
        assertThat(run("", tokenOut, "add-user", "--users-file", file.toString(), "--token", "bot")).isZero();
        String token = tokenOut.toString().strip();

        UsersFile users = new UsersFile(file);
        assertThat(users.signIn("olivia", "first password 1")).isEmpty();
        assertThat(users.signIn("olivia", "second password 2")).hasValueSatisfying(p ->
                assertThat(p.role()).isEqualTo(Role.OPERATOR));
        assertThat(users.bearer(token)).hasValueSatisfying(p -> assertThat(p.role()).isEqualTo(Role.VIEWER));
        String text = Files.readString(file);
        assertThat(text).doesNotContain("second password").doesNotContain(token)
                .containsOnlyOnce("olivia:operator:$2");
        assertThat(Files.getPosixFilePermissions(file)).containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ,
                PosixFilePermission.OWNER_WRITE);
    }

    @Test
    void refusesAShortPasswordAndAnUnknownRole() {
        Path file = dir.resolve("users");
        assertThat(run("short\n", new StringWriter(), "add-user", "--users-file", file.toString(), "olivia"))
                .isNotZero();
        assertThat(run("long enough password\n", new StringWriter(), "add-user", "--users-file", file.toString(),
                "--role", "admin", "olivia")).isNotZero();
        assertThat(file).doesNotExist();
    }

    @Test
    void helpNamesTheEnvironmentVariableOfEveryFlag() {
        String help = new CommandLine(new ConsoleCommand(q -> q)).getUsageMessage();
        for (String env : new String[] {"JOBFLEET_CONSOLE_HTTP_HOST", "JOBFLEET_CONSOLE_HTTP_PORT",
                "JOBFLEET_CONSOLE_USERS_FILE", "JOBFLEET_CONSOLE_VIEWER_PAYLOADS", "JOBFLEET_CONSOLE_SECRET_FIELDS",
                "JOBFLEET_CONSOLE_SECURE_COOKIES", "JOBFLEET_CONSOLE_TRUSTED_PROXIES", "JOBFLEET_CONSOLE_TRACE_URL",
                "JOBFLEET_CONSOLE_SESSION_IDLE", "JOBFLEET_CONSOLE_REFRESH", "JOBFLEET_DB_URL"}) {
            assertThat(help).contains(env);
        }
    }
}
