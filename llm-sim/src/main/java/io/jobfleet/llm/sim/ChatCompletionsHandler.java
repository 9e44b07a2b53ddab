package io.jobfleet.llm.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.jobfleet.engine.Payloads;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code POST /v1/chat/completions}: checks the key (when one is required), applies latency,
 * markers and random faults, then answers with text or with JSON for the requested schema.
 */
final class ChatCompletionsHandler implements HttpHandler {
    private final SimulatorConfig config;
    private final Faults faults;
    private final StructuredAnswer structured;
    private final Map<String, Integer> failFirstSeen = new ConcurrentHashMap<>();
    private final AtomicLong requests = new AtomicLong();

    ChatCompletionsHandler(SimulatorConfig config, StructuredAnswer structured) {
        this.config = config;
        this.faults = new Faults(config);
        this.structured = structured;
    }

    long requests() {
        return requests.get();
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!"POST".equals(exchange.getRequestMethod())) {
                Replies.error(exchange, new SimError(405, "invalid_request_error", null, "Use POST.", null));
                return;
            }
            requests.incrementAndGet();
            if (!authorized(exchange.getRequestHeaders().getFirst("Authorization"))) {
                Replies.error(exchange, SimError.unauthorized());
                return;
            }
            Conversation c;
            try (InputStream in = exchange.getRequestBody()) {
                c = Conversation.parse(Payloads.mapper().readTree(in));
            } catch (IOException | IllegalArgumentException e) {
                Replies.error(exchange, SimError.badRequest("Invalid request body (simulated server): "
                        + (e instanceof IllegalArgumentException ? e.getMessage() : "not JSON")));
                return;
            }
            answer(exchange, c);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // the simulator is closing
        }
    }

    private void answer(HttpExchange exchange, Conversation c) throws IOException, InterruptedException {
        Markers markers = c.markers();
        Thread.sleep(faults.delayMillis() + markers.delayMillis());
        if (markers.error() != null) {
            Replies.error(exchange, SimError.forMarker(markers.error(), Replies.tokens(c.promptChars())));
            return;
        }
        if (markers.failFirst() > 0 && failFirstSeen.merge(requestKey(c), 1, Integer::sum) <= markers.failFirst()) {
            Replies.error(exchange, SimError.unavailable());
            return;
        }
        Faults.Kind fault = faults.next(c.wantsJson());
        switch (fault) {
            case RATE_LIMITED -> Replies.error(exchange, SimError.rateLimited());
            case SERVER_ERROR -> Replies.error(exchange, SimError.serverError());
            case UNAVAILABLE -> Replies.error(exchange, SimError.unavailable());
            default -> {
                if (fault == Faults.Kind.SLOW) {
                    Thread.sleep(config.slowAnswer().toMillis());
                }
                String malformed = fault == Faults.Kind.MALFORMED ? "json" : markers.malformed();
                send(exchange, c, malformed);
            }
        }
    }

    private void send(HttpExchange exchange, Conversation c, String malformed) throws IOException {
        String content;
        String finish = "stop";
        if (c.wantsJson()) {
            content = malformed != null ? structured.malformed(c, malformed) : structured.answer(c);
        } else {
            content = TextAnswer.answer(c);
            if (c.maxTokens() != null && Replies.tokens(content.length()) > c.maxTokens()) {
                content = content.substring(0, Math.min(content.length(), c.maxTokens() * 4));
                finish = "length";
            }
        }
        Replies.json(exchange, 200, Replies.completion(c, content, finish));
    }

    private String requestKey(Conversation c) {
        return Hashes.sha256Hex(c.lastUserRaw() + "\u0000" + c.schemaName());
    }

    private boolean authorized(String header) {
        if (config.requiredKey().isEmpty()) {
            return true;
        }
        byte[] expected = ("Bearer " + config.requiredKey().reveal()).getBytes(StandardCharsets.UTF_8);
        byte[] actual = (header == null ? "" : header).getBytes(StandardCharsets.UTF_8);
        return MessageDigest.isEqual(expected, actual);
    }
}
