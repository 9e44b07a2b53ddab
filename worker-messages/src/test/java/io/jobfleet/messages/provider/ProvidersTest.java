package io.jobfleet.messages.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.jobfleet.config.Secret;
import io.jobfleet.engine.Payloads;
import io.jobfleet.llm.Cancellation;
import io.jobfleet.messages.provider.SendException.Outcome;
import java.net.ServerSocket;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;

/**
 * The generic JSON provider and Twilio's Messages API against a local server speaking their
 * formats: what is sent (key, auth, body), the provider's id read back, and every error sorted into
 * refused, not sent, rate limited or unknown, with the provider's own words and never a secret.
 */
class ProvidersTest {
    private static final String TOKEN = "tok-secret-123";
    private static final String TWILIO_TOKEN = "twilio-auth-secret-456";
    private static final Duration TIMEOUT = Duration.ofMillis(800);
    private static final MessageProvider.Outgoing MESSAGE = new MessageProvider.Outgoing("7", "conv-1", "+15550001111",
            "Hello there & welcome", "key-7");

    @StartStop
    final MockWebServer server = new MockWebServer();

    private HttpJsonProvider generic() {
        return new HttpJsonProvider(server.url("/v1/messages").toString(), Secret.of(TOKEN), true, TIMEOUT);
    }

    private TwilioProvider twilio() {
        return new TwilioProvider(server.url("/").toString(), "AC123", Secret.of(TWILIO_TOKEN), "+15559990000", TIMEOUT);
    }

    @Test
    void theGenericProviderPostsJsonWithTheIdempotencyKeyAndReadsTheId() throws Exception {
        server.enqueue(new MockResponse.Builder().code(200).body("{\"id\":\"msg-42\"}").build());

        assertThat(generic().send(MESSAGE, Cancellation.NONE)).isEqualTo("msg-42");

        RecordedRequest r = server.takeRequest();
        assertThat(r.getMethod()).isEqualTo("POST");
        assertThat(r.getUrl().encodedPath()).isEqualTo("/v1/messages");
        assertThat(r.getHeaders().get("Idempotency-Key")).isEqualTo("key-7");
        assertThat(r.getHeaders().get("Authorization")).isEqualTo("Bearer " + TOKEN);
        JsonNode body = Payloads.tree(r.getBody().utf8());
        assertThat(body.path("to").asText()).isEqualTo("+15550001111");
        assertThat(body.path("body").asText()).isEqualTo("Hello there & welcome");
        assertThat(body.path("conversation_id").asText()).isEqualTo("conv-1");
        assertThat(body.path("idempotency_key").asText()).isEqualTo("key-7");
        assertThat(generic().deduplicates()).isTrue();
    }

    @Test
    void aRefusalWhoseBodyIsNotJsonKeepsAShortCleanExcerpt() {
        server.enqueue(new MockResponse.Builder().code(400).addHeader("Content-Type", "text/html")
                .body("<html>\r\n<h1>Bad\u0007 request</h1>\n\tinvalid 'to'\u202e</html>").build());
        server.enqueue(new MockResponse.Builder().code(403).body("denied ".repeat(100)).build());

        SendException html = sendError(generic());
        assertThat(html.outcome()).isEqualTo(Outcome.REJECTED);
        assertThat(html.getMessage()).endsWith("answered 400: <html> <h1>Bad request</h1> invalid 'to' </html>");

        SendException longOne = sendError(generic());
        String excerpt = longOne.getMessage().substring(longOne.getMessage().indexOf("403: ") + 5);
        assertThat(excerpt).hasSize(HttpCall.EXCERPT_CHARS).startsWith("denied denied").endsWith("\u2026");
    }

    @Test
    void theGenericProvidersErrorsAreSortedByWhatIsKnown() {
        server.enqueue(new MockResponse.Builder().code(429).addHeader("Retry-After", "3")
                .body("{\"error\":{\"message\":\"slow down\"}}").build());
        server.enqueue(new MockResponse.Builder().code(503).body("{\"error\":\"maintenance\"}").build());
        server.enqueue(new MockResponse.Builder().code(422).body("{\"message\":\"recipient blocked\"}").build());
        server.enqueue(new MockResponse.Builder().code(200).headersDelay(3, TimeUnit.SECONDS).body("{\"id\":\"late\"}").build());

        SendException limited = sendError(generic());
        assertThat(limited.outcome()).isEqualTo(Outcome.RATE_LIMITED);
        assertThat(limited.retryAfter()).contains(Duration.ofSeconds(3));
        assertThat(limited.getMessage()).contains("429").contains("slow down");

        SendException down = sendError(generic());
        assertThat(down.outcome()).isEqualTo(Outcome.NOT_SENT);
        assertThat(down.getMessage()).contains("503: maintenance");

        SendException refused = sendError(generic());
        assertThat(refused.outcome()).isEqualTo(Outcome.REJECTED);
        assertThat(refused.getMessage()).contains("422: recipient blocked");

        SendException unknown = sendError(generic());
        assertThat(unknown.outcome()).as("the request was written; no answer in time").isEqualTo(Outcome.UNKNOWN);
        assertThat(unknown.getMessage()).contains("did not answer in time");

        for (SendException e : new SendException[] {limited, down, refused, unknown}) {
            assertThat(e.getMessage()).doesNotContain(TOKEN);
        }
    }

    @Test
    void aProviderThatCannotBeReachedSurelyDidNotGetTheMessage() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        HttpJsonProvider closed = new HttpJsonProvider("http://127.0.0.1:" + port + "/v1/messages", Secret.empty(), false,
                TIMEOUT);
        SendException e = sendError(closed);
        assertThat(e.outcome()).isEqualTo(Outcome.NOT_SENT);
        assertThat(closed.deduplicates()).isFalse();
    }

    @Test
    void twilioGetsAFormPostWithBasicAuthAndAnswersItsSid() throws Exception {
        server.enqueue(new MockResponse.Builder().code(201).body("{\"sid\":\"SM0123456789abcdef0123456789abcdef\","
                + "\"status\":\"queued\",\"to\":\"+15550001111\",\"from\":\"+15559990000\",\"body\":\"Hello\"}").build());

        assertThat(twilio().send(MESSAGE, Cancellation.NONE)).isEqualTo("SM0123456789abcdef0123456789abcdef");

        RecordedRequest r = server.takeRequest();
        assertThat(r.getUrl().encodedPath()).isEqualTo("/2010-04-01/Accounts/AC123/Messages.json");
        assertThat(r.getHeaders().get("Content-Type")).startsWith("application/x-www-form-urlencoded");
        assertThat(r.getHeaders().get("Authorization")).isEqualTo("Basic "
                + Base64.getEncoder().encodeToString(("AC123:" + TWILIO_TOKEN).getBytes(StandardCharsets.UTF_8)));
        assertThat(r.getHeaders().get("I-Twilio-Idempotency-Token")).isEqualTo("key-7");
        String form = URLDecoder.decode(r.getBody().utf8(), StandardCharsets.UTF_8);
        assertThat(form).contains("To=+15550001111").contains("From=+15559990000").contains("Body=Hello there & welcome");
        assertThat(twilio().deduplicates()).as("Twilio's header is not a documented de-duplication").isFalse();
    }

    @Test
    void twiliosErrorFormatIsReadable() {
        server.enqueue(new MockResponse.Builder().code(400).body("{\"code\":21211,\"message\":\"The 'To' number "
                + "+1555 is not a valid phone number.\",\"more_info\":\"https://www.twilio.com/docs/errors/21211\","
                + "\"status\":400}").build());
        server.enqueue(new MockResponse.Builder().code(429).addHeader("Retry-After", "2").body("{\"code\":20429,"
                + "\"message\":\"Too Many Requests\",\"more_info\":\"https://www.twilio.com/docs/errors/20429\",\"status\":429}")
                .build());
        server.enqueue(new MockResponse.Builder().code(401).body("{\"code\":20003,\"message\":\"Authenticate\","
                + "\"more_info\":\"https://www.twilio.com/docs/errors/20003\",\"status\":401}").build());

        SendException invalid = sendError(twilio());
        assertThat(invalid.outcome()).isEqualTo(Outcome.REJECTED);
        assertThat(invalid.getMessage()).isEqualTo("Twilio answered 400: The 'To' number +1555 is not a valid phone "
                + "number. (Twilio error 21211)");
        SendException limited = sendError(twilio());
        assertThat(limited.outcome()).isEqualTo(Outcome.RATE_LIMITED);
        assertThat(limited.retryAfter()).contains(Duration.ofSeconds(2));
        SendException auth = sendError(twilio());
        assertThat(auth.outcome()).isEqualTo(Outcome.REJECTED);
        assertThat(auth.getMessage()).contains("Authenticate (Twilio error 20003)").doesNotContain(TWILIO_TOKEN);
    }

    private static SendException sendError(MessageProvider provider) {
        Throwable t = org.assertj.core.api.Assertions.catchThrowable(() -> provider.send(MESSAGE, Cancellation.NONE));
        assertThat(t).isInstanceOf(SendException.class);
        return (SendException) t;
    }

    @Test
    void retryAfterIsReadInSecondsOrAsADateAndBounded() {
        assertThat(HttpCall.retryAfter("2")).isEqualTo(Duration.ofSeconds(2));
        assertThat(HttpCall.retryAfter(null)).as("none: the handler's own backoff").isNull();
        assertThat(HttpCall.retryAfter("soon")).isNull();
        assertThat(HttpCall.retryAfter("999999")).isEqualTo(HttpCall.MAX_RETRY_AFTER);
        assertThat(HttpCall.retryAfter("Wed, 21 Oct 2015 07:28:00 GMT")).isEqualTo(Duration.ZERO);
        assertThatThrownBy(() -> new TwilioProvider("not a url", "AC1", Secret.of("x"), "+1", TIMEOUT))
                .hasMessageContaining("--messages-twilio-url");
    }
}
