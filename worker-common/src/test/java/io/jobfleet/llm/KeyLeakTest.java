package io.jobfleet.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import io.jobfleet.config.Secret;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** The API key must reach the provider and nothing else: no log line, no message, no toString. */
class KeyLeakTest {
    private static final String KEY = "sk-leakcanary-7Qx93LmZpA2vB8nR";
    private static final String MASKED = "sk-leakc**********************pA2vB8nR";
    private static final String PREFIX = "sk-leakc";

    @StartStop
    private final MockWebServer server = new MockWebServer();
    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    private Level rootLevel;

    @BeforeEach
    void captureLogs() {
        rootLevel = root.getLevel();
        root.setLevel(Level.TRACE);
        logs.start();
        root.addAppender(logs);
    }

    @AfterEach
    void release() {
        root.detachAppender(logs);
        root.setLevel(rootLevel);
    }

    @Test
    void keyAppearsOnlyInTheAuthorizationHeader() throws Exception {
        LlmConfig config = LlmTesting.config(LlmTesting.baseUrl(server) + "?api-version=" + KEY)
                .withRetries(1, Duration.ofMillis(5))
                .withBreaker(new LlmConfig.Breaker(50, 7, 7, Duration.ofSeconds(30), 1));
        config = new LlmConfig(config.baseUrl(), Secret.of(KEY), config.model(), config.temperature(),
                config.connectTimeout(), config.readTimeout(), config.callTimeout(), config.maxInCallRetries(),
                config.retryBackoff(), config.requestsPerMinute(), config.breaker());
        List<String> seen = new ArrayList<>();
        try (LlmClient client = LlmClient.create(config, new SimpleMeterRegistry())) {
            seen.add(client.toString());
            seen.add(config.toString());

            server.enqueue(LlmTesting.ok("{\"title\": \"" + KEY + "\""));
            server.enqueue(LlmTesting.error(401, "invalid_request_error", "invalid_api_key",
                    "Incorrect API key provided: " + MASKED + ". You can find your API key at "
                            + "https://platform.openai.com/account/api-keys."));
            server.enqueue(LlmTesting.error(400, "invalid_request_error", null, "Key " + KEY + " is not valid here"));
            server.enqueue(LlmTesting.error(500, "server_error", null, "failed for key " + KEY));
            server.enqueue(LlmTesting.error(500, "server_error", null, "failed for key " + MASKED));
            server.enqueue(LlmTesting.error(429, "requests", "rate_limit_exceeded", "Limit for " + KEY));
            server.enqueue(LlmTesting.error(429, "requests", "rate_limit_exceeded", "Limit for " + KEY));
            for (int i = 0; i < 5; i++) {
                seen.addAll(describe(catchThrowableOfType(LlmException.class, () -> client.chatStructured(
                        ChatRequest.user("hi"), StructuredOutputTest.SCHEMA, StructuredOutputTest.TodoList.class,
                        Cancellation.NONE))));
            }
            seen.add(client.unavailableBecause());
            // 4 of 7 attempts failed transiently: the breaker is open now: CIRCUIT_OPEN and its transition log line
            seen.addAll(describe(catchThrowableOfType(LlmException.class,
                    () -> client.chat(ChatRequest.user("hi"), Cancellation.NONE))));
            seen.add(client.unavailableBecause());
        }

        assertThat(server.takeRequest().getHeaders().get("Authorization")).isEqualTo("Bearer " + KEY);
        assertThat(server.getRequestCount()).as("every canned answer was used").isEqualTo(7);
        assertThat(seen).isNotEmpty().allSatisfy(s -> assertThat(s).doesNotContain(KEY, PREFIX));
        assertThat(logs.list).as("log lines were captured").hasSizeGreaterThan(5);
        for (ILoggingEvent event : logs.list) {
            assertThat(event.getFormattedMessage()).doesNotContain(KEY, PREFIX);
            for (IThrowableProxy t = event.getThrowableProxy(); t != null; t = t.getCause()) {
                assertThat(String.valueOf(t.getMessage())).doesNotContain(KEY, PREFIX);
            }
        }
    }

    private static List<String> describe(LlmException e) {
        assertThat(e).isNotNull();
        List<String> out = new ArrayList<>(List.of(e.getMessage(), e.toString(), String.valueOf(e.detail()),
                e.toJobException().getMessage(), e.toJobException().toString()));
        for (Throwable c = e.getCause(); c != null; c = c.getCause()) {
            out.add(String.valueOf(c.getMessage()));
        }
        return out;
    }
}
