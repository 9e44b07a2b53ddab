package io.jobfleet.config;

/**
 * Where a worker serves {@code /metrics} and {@code /health/*}: port 0 takes any free port,
 * {@link #DISABLED} (-1) serves nothing.
 */
public record HttpConfig(String host, int port) {
    public static final String HOST_DEFAULT = "0.0.0.0";
    public static final int PORT_DEFAULT = 9400;
    public static final int DISABLED = -1;

    public HttpConfig {
        if (port < DISABLED || port > 65_535) {
            throw new ConfigException("--http-port / JOBFLEET_HTTP_PORT must be between 0 and 65535, "
                    + "or -1 to disable the metrics and health server (got " + port + ")");
        }
        if (host == null || host.isBlank()) {
            throw new ConfigException("--http-host / JOBFLEET_HTTP_HOST must name an address to bind, e.g. 0.0.0.0");
        }
    }

    public static HttpConfig defaults() {
        return new HttpConfig(HOST_DEFAULT, PORT_DEFAULT);
    }

    public static HttpConfig disabled() {
        return new HttpConfig(HOST_DEFAULT, DISABLED);
    }

    public boolean enabled() {
        return port != DISABLED;
    }
}
