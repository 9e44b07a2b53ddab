package io.jobfleet.config;

/**
 * Where a worker serves {@code /metrics} and {@code /health/*}: the first free port from
 * {@code port} to {@code lastPort} (one port when they are equal), port 0 takes any free port,
 * {@link #DISABLED} (-1) serves nothing. The default binds the loopback address only;
 * containers set {@code 0.0.0.0} so the platform can scrape and probe.
 */
public record HttpConfig(String host, int port, int lastPort) {
    public static final String HOST_DEFAULT = "127.0.0.1";
    public static final int PORT_DEFAULT = 9400;
    /** Without an explicit port, several workers on one host take 9400, 9401, ... up to this one. */
    public static final int LAST_PORT_DEFAULT = 9499;
    public static final int DISABLED = -1;

    public HttpConfig {
        if (port < DISABLED || port > 65_535) {
            throw ConfigException.invalid("--http-port", "between 0 and 65535, or -1 to disable the metrics and "
                    + "health server", port);
        }
        if (lastPort < port || lastPort > 65_535 || (port <= 0 && lastPort != port)) {
            throw ConfigException.invalid("the last HTTP port", "at least the first port (" + port + ") and at most "
                    + "65535", lastPort);
        }
        if (host == null || host.isBlank()) {
            throw ConfigException.invalid("--http-host", "an address to bind, e.g. 127.0.0.1 or 0.0.0.0", host);
        }
    }

    /** Exactly {@code port} (0: any free one, -1: off). */
    public HttpConfig(String host, int port) {
        this(host, port, port);
    }

    /** The first free port of {@value #PORT_DEFAULT}-{@value #LAST_PORT_DEFAULT}: no port was asked for. */
    public static HttpConfig firstFree(String host) {
        return new HttpConfig(host, PORT_DEFAULT, LAST_PORT_DEFAULT);
    }

    public static HttpConfig defaults() {
        return firstFree(HOST_DEFAULT);
    }

    public static HttpConfig disabled() {
        return new HttpConfig(HOST_DEFAULT, DISABLED);
    }

    public boolean enabled() {
        return port != DISABLED;
    }

    /** Whether a taken port is skipped for the next one (no explicit port was given). */
    public boolean scans() {
        return lastPort > port;
    }
}
