package io.jobfleet.messages.provider;

import com.fasterxml.jackson.databind.JsonNode;
import io.jobfleet.config.Secret;
import io.jobfleet.llm.Cancellation;
import java.time.Duration;
import okhttp3.Credentials;
import okhttp3.FormBody;
import okhttp3.HttpUrl;
import okhttp3.Request;

/**
 * Twilio's Messages API: a form-encoded {@code POST /2010-04-01/Accounts/{AccountSid}/Messages.json}
 * ({@code To}, {@code From}, {@code Body}) with HTTP basic auth (account SID and auth token); the
 * 201 answer's {@code sid} is the provider's id; errors come as
 * {@code {"code":21211,"message":"...","more_info":"...","status":400}}.
 *
 * <p>Twilio documents the {@code I-Twilio-Idempotency-Token} header for the webhooks it sends, not
 * as a promise to de-duplicate API requests; jobfleet sends the message's key in it anyway but
 * treats Twilio as not de-duplicating: a send cut off mid-call becomes UNCERTAIN, never repeated,
 * and each send opens its own connection (no idle one the other end may have closed).
 */
public final class TwilioProvider implements MessageProvider {
    static final String IDEMPOTENCY_HEADER = "I-Twilio-Idempotency-Token";

    private final HttpUrl url;
    private final String accountSid;
    private final Secret authToken;
    private final String from;
    private final HttpCall http;

    public TwilioProvider(String baseUrl, String accountSid, Secret authToken, String from, Duration timeout) {
        HttpUrl base = HttpUrl.parse(baseUrl);
        if (base == null) {
            throw new IllegalArgumentException("--messages-twilio-url must be an http(s) URL (got " + baseUrl + ")");
        }
        this.url = base.newBuilder().addPathSegment("2010-04-01").addPathSegment("Accounts").addPathSegment(accountSid)
                .addPathSegment("Messages.json").build();
        this.accountSid = accountSid;
        this.authToken = authToken;
        this.from = from;
        this.http = new HttpCall(timeout, "Twilio", false);
    }

    @Override
    public String name() {
        return "twilio";
    }

    @Override
    public boolean deduplicates() {
        return false;
    }

    @Override
    public String send(Outgoing message, Cancellation cancellation) throws SendException {
        FormBody form = new FormBody.Builder()
                .add("To", message.recipient())
                .add(from.startsWith("MG") ? "MessagingServiceSid" : "From", from)
                .add("Body", message.body())
                .build();
        Request request = new Request.Builder().url(url)
                .header("Authorization", Credentials.basic(accountSid, authToken.reveal()))
                .header(IDEMPOTENCY_HEADER, message.idempotencyKey())
                .post(form)
                .build();
        HttpCall.Answer answer = http.execute(request, TwilioProvider::errorText, cancellation);
        String sid = HttpCall.json(answer.body()).path("sid").asText("");
        return sid.isBlank() ? "unknown-id:" + message.idempotencyKey() : sid;
    }

    /** {@code ": <message> (Twilio error <code>)"} of Twilio's error body. */
    static String errorText(String body) {
        JsonNode json = HttpCall.json(body);
        String message = json.path("message").asText("");
        if (message.isBlank()) {
            return "";
        }
        if (message.length() > 200) {
            message = message.substring(0, 200) + "...";
        }
        return ": " + message + (json.hasNonNull("code") ? " (Twilio error " + json.path("code").asText() + ")" : "");
    }
}
