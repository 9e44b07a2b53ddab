package io.jobfleet.cli;

import io.jobfleet.config.HttpConfig;
import picocli.CommandLine.Option;

/** Flags of the metrics and health server of {@code run}. */
public final class HttpOptions {
    @Option(names = "--http-port", paramLabel = "PORT", defaultValue = "${env:JOBFLEET_HTTP_PORT:-9400}",
            description = "Port of /metrics, /health/live and /health/ready; 0 takes any free port, -1 disables "
                    + "them (env JOBFLEET_HTTP_PORT, default ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--http-host", paramLabel = "ADDRESS", defaultValue = "${env:JOBFLEET_HTTP_HOST:-0.0.0.0}",
            description = "Address the metrics and health server binds (env JOBFLEET_HTTP_HOST, default ${DEFAULT-VALUE}).")
    String host;

    public HttpConfig toConfig() {
        return new HttpConfig(host, port);
    }
}
