package io.jobfleet.console;

import io.jobfleet.cli.CommandFailure;
import io.jobfleet.cli.ExitCodes;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code jobfleet console add-user NAME}: adds or replaces a user in the users file. The password
 * comes from {@code JOBFLEET_CONSOLE_PASSWORD} or the first line of standard input, never from
 * the command line (where {@code ps} shows it). With {@code --token}, a bearer token is made and
 * printed once; only its hash is stored.
 */
@Command(name = "add-user", mixinStandardHelpOptions = true,
        description = {"Add or replace a console user (bcrypt hash of the password) or, with --token, a bearer "
                + "token for scripts (printed once, stored hashed).",
                "The password is read from env JOBFLEET_CONSOLE_PASSWORD or the first line of standard input."})
final class AddUserCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "NAME", description = "User (or script) name.")
    String name;

    @Option(names = "--users-file", paramLabel = "FILE", required = true,
            defaultValue = "${env:JOBFLEET_CONSOLE_USERS_FILE}",
            description = "The users file; created (mode 600) when missing (env JOBFLEET_CONSOLE_USERS_FILE).")
    Path usersFile;

    @Option(names = "--role", paramLabel = "ROLE", defaultValue = "viewer",
            description = "viewer or operator (default ${DEFAULT-VALUE}).")
    String role;

    @Option(names = "--token", description = "Make a bearer token instead of reading a password.")
    boolean token;

    @Override
    public Integer call() throws Exception {
        Role r;
        try {
            r = Role.parse(role);
        } catch (IllegalArgumentException e) {
            throw new CommandFailure(ExitCodes.USAGE, e.getMessage());
        }
        if (token) {
            String t = UsersFile.putToken(usersFile, name, r);
            spec.commandLine().getOut().println(t);
            spec.commandLine().getErr().println("token of " + name + " (" + r.label() + ") stored hashed in "
                    + usersFile + "; it is shown only now: send it as Authorization: Bearer TOKEN");
            return ExitCodes.OK;
        }
        String password = System.getenv("JOBFLEET_CONSOLE_PASSWORD");
        if (password == null) {
            password = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
        }
        if (password == null) {
            throw new CommandFailure(ExitCodes.USAGE, "no password: set JOBFLEET_CONSOLE_PASSWORD or pipe it on "
                    + "standard input");
        }
        try {
            UsersFile.putPassword(usersFile, name, r, password.strip());
        } catch (IllegalArgumentException e) {
            throw new CommandFailure(ExitCodes.USAGE, e.getMessage());
        }
        spec.commandLine().getOut().println("user " + name + " (" + r.label() + ") stored in " + usersFile);
        return ExitCodes.OK;
    }
}
