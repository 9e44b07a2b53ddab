package io.jobfleet.cli;

import io.jobfleet.config.HttpConfig;
import picocli.CommandLine.Option;

/** Flags of the metrics and health server of {@code run}. */
public final class HttpOptions {
    @Option(names = "--http-port", paramLabel = "PORT", defaultValue = "${env:JOBFLEET_HTTP_PORT}",
            description = "Port of /metrics, /health/live and /health/ready; 0 takes any free port, -1 disables "
                    + "them (env JOBFLEET_HTTP_PORT). Unset: the first free port of " + HttpConfig.PORT_DEFAULT + "-"
                    + HttpConfig.LAST_PORT_DEFAULT + ", so several workers share a host; a port given here that is "
                    + "taken fails the start.")
    Integer port;

    @Option(names = "--http-host", paramLabel = "ADDRESS",
            defaultValue = "${env:JOBFLEET_HTTP_HOST:-" + HttpConfig.HOST_DEFAULT + "}",
            description = "Address the metrics and health server binds; 0.0.0.0 in containers so the platform can "
                    + "scrape and probe (env JOBFLEET_HTTP_HOST, default ${DEFAULT-VALUE}).")
    String host;

    public HttpConfig toConfig() {
        return port == null ? HttpConfig.firstFree(host) : new HttpConfig(host, port);
    }
}
