package io.jobfleet.metrics;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jobfleet.config.ConfigException;
import io.jobfleet.config.HttpConfig;
import io.jobfleet.metrics.HttpListener.Response;
import io.jobfleet.service.Service;
import io.jobfleet.support.Json;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * The HTTP side of a worker process: {@code /metrics} (Prometheus text), {@code /health/live}
 * (200 until the worker has stopped; names the worker and the port) and {@code /health/ready}
 * (200 while it runs and the database answers, else 503 with a JSON reason). Without an explicit
 * port it takes the first free one of its range, so several workers can share a host.
 */
public final class HttpEndpoints implements Service {
    /** A request's line and headers must arrive within this; probes and scrapers send them at once. */
    static final Duration REQUEST_READ_TIMEOUT = Duration.ofSeconds(3);
    private static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";
    private static final String JSON = "application/json";
    private static final String TEXT = "text/plain; charset=utf-8";

    private final HttpConfig config;
    private final String workerId;
    private final PrometheusMeterRegistry registry;
    private final BooleanSupplier live;
    private final ReadinessCheck ready;
    private final Duration readTimeout;
    private HttpListener listener;
    private boolean stopped;

    public HttpEndpoints(HttpConfig config, String workerId, PrometheusMeterRegistry registry, BooleanSupplier live,
                         ReadinessCheck ready) {
        this(config, workerId, registry, live, ready, REQUEST_READ_TIMEOUT);
    }

    HttpEndpoints(HttpConfig config, String workerId, PrometheusMeterRegistry registry, BooleanSupplier live,
                  ReadinessCheck ready, Duration readTimeout) {
        this.config = config;
        this.workerId = workerId;
        this.registry = registry;
        this.live = live;
        this.ready = ready;
        this.readTimeout = readTimeout;
    }

    @Override
    public String name() {
        return "jobfleet-http";
    }

    /**
     * Binds the port, or the first free one of the range. When it cannot, throws a
     * {@link ConfigException} that says what to change.
     */
    @Override
    public synchronized void start() {
        if (listener != null || stopped) {
            throw new IllegalStateException(name() + " was already started");
        }
        listener = new HttpListener(bind(), readTimeout, name(), this::route);
        listener.start();
    }

    private ServerSocket bind() {
        InetAddress address;
        try {
            address = InetAddress.getByName(config.host());
        } catch (IOException e) {
            throw ConfigException.invalid("--http-host", "an address of this host, e.g. 127.0.0.1 or 0.0.0.0",
                    config.host());
        }
        IOException last = null;
        for (int port = config.port(); port <= config.lastPort(); port++) {
            ServerSocket socket = null;
            try {
                socket = new ServerSocket();
                socket.bind(new InetSocketAddress(address, port), 50);
                return socket;
            } catch (IOException e) {
                closeQuietly(socket);
                last = e;
                if (!(e instanceof BindException)) {
                    break;
                }
            }
        }
        if (config.scans()) {
            throw new ConfigException("cannot serve metrics and health on " + config.host() + ": ports "
                    + config.port() + "-" + config.lastPort() + " are all taken (" + last + "); set "
                    + ConfigException.label("--http-port") + " to a free port, 0 for any free port, or -1 to turn "
                    + "it off");
        }
        throw new ConfigException("cannot serve metrics and health on " + config.host() + ":" + config.port()
                + " (" + last + "): choose another " + ConfigException.label("--http-port")
                + ", leave it unset to take the first free port from " + HttpConfig.PORT_DEFAULT
                + ", 0 for any free port, or -1 to turn it off");
    }

    /** The bound port (the chosen one when configured with 0 or a range). */
    public synchronized int port() {
        if (listener == null) {
            throw new IllegalStateException(name() + " is not started");
        }
        return listener.port();
    }

    @Override
    public synchronized void stop(Duration timeout) {
        stopped = true;
        if (listener != null) {
            listener.stop();
        }
    }

    private Response route(String path) {
        return switch (path) {
            case "/metrics" -> new Response(200, PROMETHEUS_TEXT, registry.scrape());
            case "/health/live" -> liveness();
            case "/health/ready" -> readiness();
            default -> new Response(404, TEXT, "not found: try /metrics, /health/live or /health/ready\n");
        };
    }

    private Response liveness() {
        boolean up = live.getAsBoolean();
        ObjectNode body = Json.mapper().createObjectNode().put("status", up ? "live" : "stopped")
                .put("worker", workerId).put("port", listener.port());
        return json(up ? 200 : 503, body);
    }

    private Response readiness() {
        ReadinessCheck.Result r = ready.check();
        ObjectNode body = Json.mapper().createObjectNode().put("status", r.ready() ? "ready" : "not ready");
        if (r.ready()) {
            body.put("database_ms", r.latencyMillis());
        } else {
            body.put("reason", r.reason());
        }
        body.put("checked_at", r.checkedAt().toString());
        return json(r.ready() ? 200 : 503, body);
    }

    private static Response json(int status, ObjectNode body) {
        try {
            return new Response(status, JSON, Json.mapper().writeValueAsString(body) + "\n");
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void closeQuietly(ServerSocket socket) {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // nothing was bound
            }
        }
    }
}
