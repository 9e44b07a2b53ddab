package io.jobfleet.messages.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A message provider simulator (a test server, never a real provider): the generic JSON API
 * ({@code POST /v1/messages}, {@code Idempotency-Key}) and Twilio's Messages API
 * ({@code POST /2010-04-01/Accounts/{sid}/Messages.json}, form-encoded, basic auth,
 * {@code I-Twilio-Idempotency-Token}), with seeded faults, de-duplication by key when asked, and
 * {@code GET /v1/deliveries}: what it delivered ({@link Deliveries}).
 */
public final class ProviderSimulator implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ProviderSimulator.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    enum Fault { NONE, SERVER_ERROR, RATE_LIMITED, HANG_AFTER_ACCEPT, RESET_AFTER_ACCEPT }

    private static final Fault[] MIX = {Fault.SERVER_ERROR, Fault.RATE_LIMITED, Fault.HANG_AFTER_ACCEPT,
            Fault.RESET_AFTER_ACCEPT};

    static {
        System.getProperties().putIfAbsent("sun.net.httpserver.nodelay", "true");
    }

    private final ProviderSimConfig config;
    private final Deliveries deliveries = new Deliveries();
    private final int firstKind;
    private long requests;
    private int faultsDrawn;
    private HttpServer server;
    private ExecutorService executor;

    public ProviderSimulator(ProviderSimConfig config) {
        this.config = config;
        this.firstKind = new Random(config.seed()).nextInt(MIX.length);
    }

    public synchronized ProviderSimulator start() {
        try {
            server = HttpServer.create(new InetSocketAddress(config.host(), config.port()), 64);
        } catch (IOException e) {
            throw new UncheckedIOException("messages simulator cannot listen on " + config.host() + ":" + config.port()
                    + " (" + e.getMessage() + "); choose another --port", e);
        }
        AtomicInteger n = new AtomicInteger();
        executor = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "messages-sim-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/v1/messages", this::generic);
        server.createContext("/v1/deliveries", this::deliveries);
        server.createContext("/2010-04-01/Accounts/", this::twilio);
        server.start();
        log.info("messages simulator listening on {} (a test server, not a real provider; {}, fault rate {}, seed {})",
                baseUrl(), config.deduplicates() ? "de-duplicating by key" : "NOT de-duplicating", config.faultRate(),
                config.seed());
        return this;
    }

    public synchronized String baseUrl() {
        return "http://" + config.host() + ":" + server.getAddress().getPort();
    }

    /** The generic provider's endpoint, for {@code --messages-http-url}. */
    public String messagesUrl() {
        return baseUrl() + "/v1/messages";
    }

    public Deliveries deliveries() {
        return deliveries;
    }

    /**
     * Exactly the fault rate, spread evenly over new requests (request n meets a fault when
     * floor(n x rate) grows), the kinds taking turns from a seeded start: every kind shows up in a
     * run of a few dozen sends, whatever the seed.
     */
    private synchronized Fault nextFault() {
        requests++;
        if (Math.floor(requests * config.faultRate()) == Math.floor((requests - 1) * config.faultRate())) {
            return Fault.NONE;
        }
        return MIX[(firstKind + faultsDrawn++) % MIX.length];
    }

    private void generic(HttpExchange ex) throws IOException {
        try (ex) {
            if (!"POST".equals(ex.getRequestMethod())) {
                send(ex, 405, "{\"error\":{\"message\":\"POST only\"}}", Map.of());
                return;
            }
            JsonNode body;
            try {
                body = JSON.readTree(ex.getRequestBody());
            } catch (IOException e) {
                send(ex, 400, "{\"error\":{\"message\":\"the body is not JSON\"}}", Map.of());
                return;
            }
            String key = header(ex, "Idempotency-Key", body.path("idempotency_key").asText(""));
            String to = body.path("to").asText("");
            String text = body.path("body").asText("");
            if (key.isBlank() || to.isBlank() || text.isBlank()) {
                send(ex, 422, "{\"error\":{\"message\":\"to, body and an Idempotency-Key are required\"}}", Map.of());
                return;
            }
            accept(ex, key, body.path("conversation_id").asText(null), to, text, d -> {
                ObjectNode answer = JSON.createObjectNode().put("id", d.id()).put("status", "accepted");
                return new Answer(200, answer.toString());
            }, (code, message) -> JSON.createObjectNode().set("error", JSON.createObjectNode().put("message", message))
                    .toString());
        }
    }

    private void twilio(HttpExchange ex) throws IOException {
        try (ex) {
            String path = ex.getRequestURI().getPath();
            String[] parts = path.split("/");
            // /2010-04-01/Accounts/{sid}/Messages.json
            if (!"POST".equals(ex.getRequestMethod()) || parts.length != 5 || !parts[4].equals("Messages.json")) {
                send(ex, 404, twilioError(20404, "The requested resource " + path + " was not found", 404), Map.of());
                return;
            }
            String sid = parts[3];
            String auth = header(ex, "Authorization", "");
            if (!auth.startsWith("Basic ")) {
                send(ex, 401, twilioError(20003, "Authenticate", 401), Map.of());
                return;
            }
            Map<String, String> form = form(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            String to = form.getOrDefault("To", "");
            String text = form.getOrDefault("Body", "");
            if (to.isBlank()) {
                send(ex, 400, twilioError(21604, "A 'To' phone number is required.", 400), Map.of());
                return;
            }
            if (text.isBlank()) {
                send(ex, 400, twilioError(21602, "Message body is required.", 400), Map.of());
                return;
            }
            String key = header(ex, "I-Twilio-Idempotency-Token", "");
            // Twilio's request names no conversation: its deliveries have none and are not checked for leaks
            accept(ex, key.isBlank() ? "no-key-" + System.nanoTime() : key, null, to, text, d -> {
                ObjectNode answer = JSON.createObjectNode().put("sid", d.id()).put("account_sid", sid)
                        .put("to", to).put("from", form.getOrDefault("From", form.get("MessagingServiceSid")))
                        .put("body", text).put("status", "queued").put("num_segments", "1")
                        .put("uri", "/2010-04-01/Accounts/" + sid + "/Messages/" + d.id() + ".json");
                return new Answer(201, answer.toString());
            }, (code, message) -> twilioError(code == 429 ? 20429 : 20500, message, code));
        }
    }

    private interface AnswerOf {
        Answer of(Deliveries.Delivery d);
    }

    private interface ErrorOf {
        String of(int code, String message);
    }

    private record Answer(int code, String body) {
    }

    /** The common part: de-duplication, faults, delivery, answer. */
    private void accept(HttpExchange ex, String key, String conversationId, String to, String text, AnswerOf answer,
                        ErrorOf error) throws IOException {
        if (config.deduplicates()) {
            var first = deliveries.first(key);
            if (first.isPresent()) {
                deliveries.replayed();
                Answer a = answer.of(first.get());
                send(ex, a.code(), a.body(), Map.of("Idempotent-Replayed", "true"));
                return;
            }
        }
        Fault fault = nextFault();
        switch (fault) {
            case SERVER_ERROR -> {
                deliveries.fault("server_error");
                send(ex, 503, error.of(503, "Service temporarily unavailable (simulated)"), Map.of());
            }
            case RATE_LIMITED -> {
                deliveries.fault("rate_limited");
                long seconds = Math.max(1, (config.retryAfter().toMillis() + 999) / 1000);
                send(ex, 429, error.of(429, "Too Many Requests (simulated)"), Map.of("Retry-After", Long.toString(seconds)));
            }
            case HANG_AFTER_ACCEPT -> {
                deliveries.fault("hang_after_accept");
                Deliveries.Delivery d = deliveries.deliver(key, conversationId, to, text);
                deliveries.cutOff(key);
                try {
                    Thread.sleep(config.hang().toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                Answer a = answer.of(d);
                try {
                    send(ex, a.code(), a.body(), Map.of());
                } catch (IOException gone) {
                    // the client gave up long ago
                }
            }
            case RESET_AFTER_ACCEPT -> {
                deliveries.fault("reset_after_accept");
                deliveries.deliver(key, conversationId, to, text);
                deliveries.cutOff(key);
                // headers promise a body that never comes: the client sees the connection end mid-answer
                ex.sendResponseHeaders(200, 1000);
                ex.getResponseBody().flush();
                throw new IOException("simulated reset after accepting");
            }
            default -> {
                Answer a = answer.of(deliveries.deliver(key, conversationId, to, text));
                send(ex, a.code(), a.body(), Map.of());
            }
        }
    }

    private void deliveries(HttpExchange ex) throws IOException {
        try (ex) {
            send(ex, 200, deliveries.json().toString(), Map.of());
        }
    }

    private static String twilioError(int code, String message, int status) {
        return JSON.createObjectNode().put("code", code).put("message", message)
                .put("more_info", "https://www.twilio.com/docs/errors/" + code).put("status", status).toString();
    }

    private static String header(HttpExchange ex, String name, String fallback) {
        String v = ex.getRequestHeaders().getFirst(name);
        return v == null || v.isBlank() ? fallback : v;
    }

    private static Map<String, String> form(String body) {
        Map<String, String> out = new HashMap<>();
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                out.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return out;
    }

    private static void send(HttpExchange ex, int code, String body, Map<String, String> headers) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/json");
        headers.forEach((k, v) -> ex.getResponseHeaders().set(k, v));
        ex.sendResponseHeaders(code, bytes.length);
        ex.getResponseBody().write(bytes);
    }

    @Override
    public synchronized void close() {
        if (server != null) {
            server.stop(0);
            executor.shutdownNow();
            server = null;
        }
    }
}
