package io.jobfleet.messages.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.jobfleet.cli.JobfleetCli;
import io.jobfleet.config.Secret;
import io.jobfleet.llm.Cancellation;
import io.jobfleet.messages.MessagesFamily;
import io.jobfleet.messages.provider.HttpJsonProvider;
import io.jobfleet.messages.provider.MessageProvider;
import io.jobfleet.messages.provider.TwilioProvider;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The provider simulator's own report and command: leaks only where a conversation is known, a taken port. */
class ProviderSimulatorTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    @Test
    void aForeignMarkerIsOneLeakAndTwilioRepliesAreNoLeaks() throws Exception {
        try (ProviderSimulator sim = new ProviderSimulator(ProviderSimConfig.ephemeral()).start()) {
            new HttpJsonProvider(sim.messagesUrl(), Secret.empty(), true, TIMEOUT).send(new MessageProvider.Outgoing("1",
                    "alpha", "+1555", "You said \"#beta hi\"; I saw #beta and #alpha", "k-1"), Cancellation.NONE);
            new TwilioProvider(sim.baseUrl(), "AC123", Secret.of("token"), "+15559990000", TIMEOUT).send(
                    new MessageProvider.Outgoing("2", "gamma", "+1556", "You said \"#gamma hi\"; I saw #gamma", "k-2"),
                    Cancellation.NONE);

            assertThat(sim.deliveries().delivered()).hasSize(2);
            assertThat(sim.deliveries().leaks()).singleElement().asString().contains("#beta in a reply of conversation alpha");
        }
    }

    @Test
    void aTakenPortIsAUsageErrorThatSaysWhatToDo() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            CommandLine cl = JobfleetCli.commandLine(List.of(new MessagesFamily()), List.of(new MessagesSimCommand()));
            StringWriter err = new StringWriter();
            cl.setErr(new PrintWriter(err, true));
            int exit = cl.execute("messages-sim", "--port", Integer.toString(taken.getLocalPort()));

            assertThat(exit).isEqualTo(2);
            assertThat(err.toString()).contains("port " + taken.getLocalPort() + " on 127.0.0.1 is taken")
                    .contains("choose another --port").doesNotContain("database");
        }
    }
}
