package io.jobfleet.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import okio.Buffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Answers meant to hurt the worker: a redirect elsewhere, a body too large to hold. */
class HostileAnswersTest {
    @StartStop
    private final MockWebServer server = new MockWebServer();
    @StartStop
    private final MockWebServer elsewhere = new MockWebServer();
    private LlmClient client;

    @BeforeEach
    void setUp() {
        client = LlmClient.create(LlmTesting.config(LlmTesting.baseUrl(server)).withMaxResponseBytes(64 * 1024)
                .withApiKey(io.jobfleet.config.Secret.of("sk-secret-key")), new SimpleMeterRegistry());
    }

    @AfterEach
    void tearDown() {
        client.close();
    }

    @Test
    void aRedirectIsNotFollowed() throws Exception {
        for (int status : new int[] {301, 302, 307, 308}) {
            server.enqueue(new MockResponse.Builder().code(status)
                    .addHeader("Location", elsewhere.url("/v1/chat/completions").toString()).build());

            LlmException e = catchThrowableOfType(LlmException.class,
                    () -> client.chat(ChatRequest.user("hello"), Cancellation.NONE));

            assertThat(e.type()).isEqualTo(LlmErrorType.INVALID_REQUEST);
            assertThat(e.retryable()).isFalse();
            assertThat(e.getMessage()).isEqualTo("The AI service rejected the request (HTTP " + status + "): the "
                    + "endpoint redirects elsewhere and redirects are not followed; set --llm-base-url to the "
                    + "final address");
        }
        assertThat(elsewhere.getRequestCount()).as("the prompt and the key never went elsewhere").isZero();
    }

    @Test
    void aBodyPastTheLimitFailsTheCallWithoutBeingRead() throws Exception {
        Buffer huge = new Buffer();
        byte[] chunk = new byte[64 * 1024];
        java.util.Arrays.fill(chunk, (byte) 'x');
        for (int i = 0; i < 64; i++) { // 4 MiB, 64 times the limit
            huge.write(chunk);
        }
        server.enqueue(new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json")
                .body(huge).build());
        LlmException declared = catchThrowableOfType(LlmException.class,
                () -> client.chat(ChatRequest.user("hello"), Cancellation.NONE));
        assertThat(declared.type()).isEqualTo(LlmErrorType.MALFORMED_OUTPUT);
        assertThat(declared.getMessage()).isEqualTo("The AI answer was not in the expected format (the answer is "
                + "larger than 65536 bytes, the limit of --llm-max-response-bytes).");

        Buffer chunked = new Buffer();
        for (int i = 0; i < 64; i++) {
            chunked.write(chunk);
        }
        server.enqueue(new MockResponse.Builder().code(500).chunkedBody(chunked, 8192).build());
        LlmException unDeclared = catchThrowableOfType(LlmException.class,
                () -> client.chat(ChatRequest.user("hello"), Cancellation.NONE));
        assertThat(unDeclared.type()).as("an error body is bounded too").isEqualTo(LlmErrorType.MALFORMED_OUTPUT);

        server.enqueue(LlmTesting.ok("small and fine"));
        assertThat(client.chat(ChatRequest.user("hello"), Cancellation.NONE).content()).isEqualTo("small and fine");
    }
}
