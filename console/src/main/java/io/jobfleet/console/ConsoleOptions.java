package io.jobfleet.console;

import io.jobfleet.config.DurationConverter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import picocli.CommandLine.Option;

/** The console's flags; each has a {@code JOBFLEET_CONSOLE_*} environment variable. */
final class ConsoleOptions {
    @Option(names = "--http-host", paramLabel = "ADDRESS",
            defaultValue = "${env:JOBFLEET_CONSOLE_HTTP_HOST:-" + ConsoleConfig.HOST_DEFAULT + "}",
            description = "Address the console binds (env JOBFLEET_CONSOLE_HTTP_HOST, default ${DEFAULT-VALUE}).")
    String host;

    @Option(names = "--http-port", paramLabel = "PORT",
            defaultValue = "${env:JOBFLEET_CONSOLE_HTTP_PORT:-" + ConsoleConfig.PORT_DEFAULT + "}",
            description = "Port of the console; 0 takes any free port (env JOBFLEET_CONSOLE_HTTP_PORT, default ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--users-file", paramLabel = "FILE", defaultValue = "${env:JOBFLEET_CONSOLE_USERS_FILE}",
            description = "Who may sign in: bcrypt password hashes and hashed bearer tokens, written by "
                    + "`console add-user` (env JOBFLEET_CONSOLE_USERS_FILE).")
    Path usersFile;

    @Option(names = "--viewer-payloads", defaultValue = "${env:JOBFLEET_CONSOLE_VIEWER_PAYLOADS:-false}",
            description = "Let viewers see payloads and results (secret fields stay masked) "
                    + "(env JOBFLEET_CONSOLE_VIEWER_PAYLOADS, default ${DEFAULT-VALUE}).")
    boolean viewerPayloads;

    @Option(names = "--secret-fields", paramLabel = "NAMES",
            defaultValue = "${env:JOBFLEET_CONSOLE_SECRET_FIELDS:-" + ConsoleConfig.SECRET_FIELDS_DEFAULT + "}",
            description = "Payload and result fields shown as ••• to everyone, at any depth, comma-separated "
                    + "(env JOBFLEET_CONSOLE_SECRET_FIELDS, default ${DEFAULT-VALUE}).")
    String secretFields;

    @Option(names = "--secure-cookies", defaultValue = "${env:JOBFLEET_CONSOLE_SECURE_COOKIES:-false}",
            description = "Mark the session cookie Secure: the console is reached over TLS "
                    + "(env JOBFLEET_CONSOLE_SECURE_COOKIES, default ${DEFAULT-VALUE}).")
    boolean secureCookies;

    @Option(names = "--trusted-proxies", paramLabel = "ADDRESSES", defaultValue = "${env:JOBFLEET_CONSOLE_TRUSTED_PROXIES:-}",
            description = "Addresses of reverse proxies whose X-Forwarded-Proto: https makes the cookie Secure "
                    + "and whose X-Forwarded-For names the client that sign-in locks count, comma-separated "
                    + "(env JOBFLEET_CONSOLE_TRUSTED_PROXIES).")
    String trustedProxies;

    @Option(names = "--trace-url", paramLabel = "TEMPLATE", defaultValue = "${env:JOBFLEET_CONSOLE_TRACE_URL}",
            description = "Link a job with a traceparent to its trace, e.g. https://tempo.example/trace/{trace_id} "
                    + "(env JOBFLEET_CONSOLE_TRACE_URL).")
    String traceUrl;

    @Option(names = "--session-idle", paramLabel = "DURATION", converter = DurationConverter.class,
            defaultValue = "${env:JOBFLEET_CONSOLE_SESSION_IDLE:-8h}",
            description = "A session unused this long ends (env JOBFLEET_CONSOLE_SESSION_IDLE, default ${DEFAULT-VALUE}).")
    Duration sessionIdle;

    @Option(names = "--refresh", paramLabel = "DURATION", converter = DurationConverter.class,
            defaultValue = "${env:JOBFLEET_CONSOLE_REFRESH:-2s}",
            description = "How often the overview's live numbers are sent (env JOBFLEET_CONSOLE_REFRESH, default ${DEFAULT-VALUE}).")
    Duration refresh;

    @Option(names = "--read-timeout", paramLabel = "DURATION", converter = DurationConverter.class,
            defaultValue = "${env:JOBFLEET_CONSOLE_READ_TIMEOUT:-10s}",
            description = "A request whose headers and body have not all arrived this long after it started (time "
                    + "waiting for a free thread included) is closed; whole seconds, at least 1s "
                    + "(env JOBFLEET_CONSOLE_READ_TIMEOUT, default ${DEFAULT-VALUE}).")
    Duration readTimeout;

    ConsoleConfig toConfig() {
        return new ConsoleConfig(host, port, usersFile, viewerPayloads, list(secretFields), secureCookies,
                list(trustedProxies), traceUrl, sessionIdle, refresh, readTimeout);
    }

    private static Set<String> list(String csv) {
        return csv == null ? Set.of() : Arrays.stream(csv.split(",")).map(String::trim).filter(s -> !s.isEmpty())
                .collect(Collectors.toSet());
    }
}
