package io.jobfleet.llm.sim;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;

/** {@code GET /v1/models}: lists the one model, {@code jobfleet-simulator}. */
final class ModelsHandler implements HttpHandler {
    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!"GET".equals(exchange.getRequestMethod())) {
                Replies.error(exchange, new SimError(405, "invalid_request_error", null, "Use GET.", null));
                return;
            }
            Replies.json(exchange, 200, Replies.models());
        }
    }

    /** Any other path: an OpenAI-style 404. */
    static final class NotFound implements HttpHandler {
        @Override
        public void handle(HttpExchange exchange) throws IOException {
            try (exchange) {
                Replies.error(exchange, new SimError(404, "invalid_request_error", "unknown_url",
                        "Unknown path " + exchange.getRequestURI().getPath() + " (the simulator serves "
                                + "/v1/chat/completions and /v1/models).", null));
            }
        }
    }
}
