package io.jobfleet.metrics;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.jobfleet.config.HttpConfig;
import io.jobfleet.service.Service;
import io.jobfleet.support.Json;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP side of a worker process, on the JDK's server: {@code /metrics} (Prometheus text),
 * {@code /health/live} (200 until the worker has stopped) and {@code /health/ready} (200 while it
 * runs and the database answers, else 503 with a JSON reason).
 */
public final class HttpEndpoints implements Service {
    private static final Logger log = LoggerFactory.getLogger(HttpEndpoints.class);
    private static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";
    private static final String JSON = "application/json";

    private final HttpConfig config;
    private final PrometheusMeterRegistry registry;
    private final BooleanSupplier live;
    private final ReadinessCheck ready;
    private HttpServer server;
    private ExecutorService executor;
    private boolean stopped;

    public HttpEndpoints(HttpConfig config, PrometheusMeterRegistry registry, BooleanSupplier live,
                         ReadinessCheck ready) {
        this.config = config;
        this.registry = registry;
        this.live = live;
        this.ready = ready;
    }

    @Override
    public String name() {
        return "jobfleet-http";
    }

    /**
     * Binds the port. When it cannot, throws an {@link IllegalStateException} that says what to
     * change (without the socket exception as cause: that would read as a database problem).
     */
    @Override
    public synchronized void start() {
        if (server != null || stopped) {
            throw new IllegalStateException(name() + " was already started");
        }
        try {
            server = HttpServer.create(new InetSocketAddress(config.host(), config.port()), 0);
        } catch (IOException e) {
            throw new IllegalStateException("cannot serve metrics and health on " + config.host() + ":"
                    + config.port() + " (" + e + "): choose another --http-port / JOBFLEET_HTTP_PORT, 0 for any "
                    + "free port, or -1 to turn it off");
        }
        AtomicInteger n = new AtomicInteger();
        executor = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, name() + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/metrics", ex -> serve(ex, () -> new Response(200, PROMETHEUS_TEXT, registry.scrape())));
        server.createContext("/health/live", ex -> serve(ex, this::liveness));
        server.createContext("/health/ready", ex -> serve(ex, this::readiness));
        server.createContext("/", ex -> serve(ex, () -> new Response(404, "text/plain; charset=utf-8",
                "not found: try /metrics, /health/live or /health/ready\n")));
        server.start();
    }

    /** The bound port (the chosen one when configured with 0). */
    public synchronized int port() {
        if (server == null) {
            throw new IllegalStateException(name() + " is not started");
        }
        return server.getAddress().getPort();
    }

    @Override
    public synchronized void stop(Duration timeout) {
        stopped = true;
        if (server == null) {
            return;
        }
        server.stop(0);
        executor.shutdownNow();
        server = null;
    }

    private Response liveness() {
        boolean up = live.getAsBoolean();
        ObjectNode body = Json.mapper().createObjectNode().put("status", up ? "live" : "stopped");
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

    private void serve(HttpExchange ex, java.util.function.Supplier<Response> handler) throws IOException {
        try (ex) {
            String method = ex.getRequestMethod();
            Response r = method.equals("GET") || method.equals("HEAD") ? handler.get()
                    : new Response(405, "text/plain; charset=utf-8", "only GET and HEAD\n");
            byte[] body = r.body().getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().set("Content-Type", r.contentType());
            ex.getResponseHeaders().set("Cache-Control", "no-store");
            if (method.equals("HEAD")) {
                ex.sendResponseHeaders(r.status(), -1);
                return;
            }
            ex.sendResponseHeaders(r.status(), body.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(body);
            }
        } catch (RuntimeException e) {
            log.warn("{} {} failed: {}", ex.getRequestMethod(), ex.getRequestURI(), e.toString());
            throw e;
        }
    }

    private record Response(int status, String contentType, String body) {
    }
}
