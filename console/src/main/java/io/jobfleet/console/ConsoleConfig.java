package io.jobfleet.console;

import io.jobfleet.config.ConfigException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;

/**
 * How the console serves: where it binds, who may sign in ({@code usersFile}), what viewers see,
 * which payload fields are masked for everyone, and when the session cookie is {@code Secure}:
 * always with {@code secureCookies} (TLS in front), or per request when a trusted proxy says
 * {@code X-Forwarded-Proto: https}. {@code traceUrl} links a job to its trace ({trace_id});
 * {@code readTimeout} bounds the reading of one request ({@link RequestReadLimit}).
 */
record ConsoleConfig(String host, int port, Path usersFile, boolean viewerSeesPayloads, Set<String> secretFields,
                     boolean secureCookies, Set<String> trustedProxies, String traceUrl, Duration sessionIdle,
                     Duration refresh, Duration readTimeout) {
    static final String HOST_DEFAULT = "127.0.0.1";
    static final int PORT_DEFAULT = 9500;
    static final String SECRET_FIELDS_DEFAULT = "password,secret,token,api_key,apikey,authorization,access_token";
    static final Duration SESSION_IDLE_DEFAULT = Duration.ofHours(8);
    static final Duration REFRESH_DEFAULT = Duration.ofSeconds(2);
    static final Duration REFRESH_MIN = Duration.ofMillis(100);
    static final Duration SESSION_IDLE_MIN = Duration.ofMinutes(1);
    static final Duration READ_TIMEOUT_DEFAULT = Duration.ofSeconds(10);
    /** Database connections when --db-pool-size is 0: half the server's threads, as 8 of them may be live overviews. */
    static final int POOL_SIZE_DEFAULT = 8;

    ConsoleConfig {
        if (port < 0 || port > 65_535) {
            throw invalid("--http-port", "between 0 and 65535 (0: any free port)", port);
        }
        if (host == null || host.isBlank()) {
            throw invalid("--http-host", "an address to bind, e.g. 127.0.0.1", host);
        }
        if (sessionIdle == null || sessionIdle.compareTo(SESSION_IDLE_MIN) < 0) {
            throw invalid("--session-idle", "at least 1m, e.g. 8h", sessionIdle);
        }
        if (refresh == null || refresh.compareTo(REFRESH_MIN) < 0) {
            throw invalid("--refresh", "at least 100ms, e.g. 2s", refresh);
        }
        if (usersFile != null && usersFile.toString().isEmpty()) {
            usersFile = null;
        }
        if (usersFile == null) {
            throw new ConfigException("the console needs --users-file (env JOBFLEET_CONSOLE_USERS_FILE): create it with "
                    + "`jobfleet console add-user --users-file FILE --role operator NAME`");
        }
        if (readTimeout == null || readTimeout.compareTo(Duration.ofSeconds(1)) < 0) {
            throw invalid("--read-timeout", "at least 1s (whole seconds; e.g. 10s)", readTimeout);
        }
        if (traceUrl != null && !traceUrl.isBlank() && !traceUrl.contains("{trace_id}")) {
            throw invalid("--trace-url", "a URL with {trace_id} in it", traceUrl);
        }
        secretFields = secretFields.stream().map(s -> s.trim().toLowerCase(Locale.ROOT)).filter(s -> !s.isEmpty())
                .collect(java.util.stream.Collectors.toUnmodifiableSet());
        trustedProxies = Set.copyOf(trustedProxies);
        traceUrl = traceUrl == null || traceUrl.isBlank() ? null : traceUrl;
    }

    /** As {@link ConfigException#invalid}, naming the console's variable: {@code --http-port / JOBFLEET_CONSOLE_HTTP_PORT}. */
    static ConfigException invalid(String flag, String requirement, Object got) {
        String env = "JOBFLEET_CONSOLE_" + flag.substring(2).replace('-', '_').toUpperCase(Locale.ROOT);
        ConfigException plain = ConfigException.invalid(flag, requirement, got);
        return new ConfigException(plain.getMessage().replace(ConfigException.label(flag), flag + " / " + env));
    }
}
