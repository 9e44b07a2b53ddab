package io.jobfleet.messages.provider;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jobfleet.config.Secret;
import io.jobfleet.llm.Cancellation;
import java.time.Duration;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;

/**
 * A generic HTTP JSON provider: {@code POST <url>} with
 * {@code {"to","body","conversation_id","idempotency_key"}}, the {@code Idempotency-Key} header and,
 * when a token is set, {@code Authorization: Bearer <token>}; a 2xx answer's {@code id} (or
 * {@code message_id}) is the provider's id. Whether the service de-duplicates by key is configured
 * ({@code --messages-http-deduplicates}).
 */
public final class HttpJsonProvider implements MessageProvider {
    private static final MediaType JSON = MediaType.get("application/json");
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final String url;
    private final Secret token;
    private final boolean deduplicates;
    private final HttpCall http;

    public HttpJsonProvider(String url, Secret token, boolean deduplicates, Duration timeout) {
        this.url = url;
        this.token = token;
        this.deduplicates = deduplicates;
        this.http = new HttpCall(timeout, "the message provider at " + url, deduplicates);
    }

    @Override
    public String name() {
        return "http";
    }

    @Override
    public boolean deduplicates() {
        return deduplicates;
    }

    @Override
    public String send(Outgoing message, Cancellation cancellation) throws SendException {
        ObjectNode body = MAPPER.createObjectNode()
                .put("to", message.recipient())
                .put("body", message.body())
                .put("conversation_id", message.conversationId())
                .put("idempotency_key", message.idempotencyKey());
        Request.Builder request = new Request.Builder().url(url)
                .header("Idempotency-Key", message.idempotencyKey())
                .post(RequestBody.create(body.toString(), JSON));
        if (!token.isEmpty()) {
            request.header("Authorization", "Bearer " + token.reveal());
        }
        HttpCall.Answer answer = http.execute(request.build(), HttpJsonProvider::errorText, cancellation);
        JsonNode json = HttpCall.json(answer.body());
        String id = json.path("id").asText(json.path("message_id").asText(""));
        if (id.isBlank()) {
            // the provider took it (2xx) but said no id: sent, with a stand-in id
            return "unknown-id:" + message.idempotencyKey();
        }
        return id;
    }

    /** {@code ": <error.message or message>"} of a JSON error body, at most 200 characters. */
    static String errorText(String body) {
        JsonNode json = HttpCall.json(body);
        String text = json.path("error").isObject() ? json.path("error").path("message").asText("")
                : json.path("error").asText(json.path("message").asText(""));
        if (text.isBlank()) {
            return "";
        }
        return ": " + (text.length() > 200 ? text.substring(0, 200) + "..." : text);
    }
}
