package io.jobfleet.messages.provider;

import static org.assertj.core.api.Assertions.assertThat;

import io.jobfleet.config.Secret;
import io.jobfleet.llm.Cancellation;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * A provider that does not de-duplicate gets each message on a connection of its own: one it closed
 * while idle is never written into, so the send after it goes out instead of ending UNKNOWN
 * (UNCERTAIN) although the request never reached the provider.
 */
class FreshConnectionsTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private static MessageProvider.Outgoing message(int n) {
        return new MessageProvider.Outgoing(Integer.toString(n), "conv-1", "+15550001111", "hello " + n, "key-" + n);
    }

    @Test
    void aNonDeduplicatingProviderSendsEachMessageOnANewConnection() throws Exception {
        try (ClosingKeepAliveServer server = new ClosingKeepAliveServer()) {
            HttpJsonProvider provider = new HttpJsonProvider(server.url(), Secret.empty(), false, TIMEOUT);

            assertThat(provider.send(message(1), Cancellation.NONE)).isEqualTo("m-1");
            assertThat(server.awaitClosed()).as("the provider closed the idle connection").isTrue();
            assertThat(provider.send(message(2), Cancellation.NONE)).isEqualTo("m-2");
            assertThat(server.connections()).isEqualTo(2);
        }
    }

    @Test
    void twilioSendsEachMessageOnANewConnection() throws Exception {
        try (ClosingKeepAliveServer server = new ClosingKeepAliveServer()) {
            TwilioProvider provider = new TwilioProvider(server.url().replace("/v1/messages", "/"), "AC123",
                    Secret.of("token"), "+15559990000", TIMEOUT);

            provider.send(message(1), Cancellation.NONE);
            assertThat(server.awaitClosed()).isTrue();
            provider.send(message(2), Cancellation.NONE);
            assertThat(server.connections()).isEqualTo(2);
        }
    }
}
