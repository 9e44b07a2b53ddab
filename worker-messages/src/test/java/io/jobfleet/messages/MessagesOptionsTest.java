package io.jobfleet.messages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jobfleet.cli.JobfleetCli;
import io.jobfleet.config.ConfigException;
import io.jobfleet.messages.cli.ResolveCommand;
import io.jobfleet.messages.provider.HttpJsonProvider;
import io.jobfleet.messages.provider.TwilioProvider;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The family's options parse, default sensibly, keep secrets in files, say what to fix, and all show in --help. */
class MessagesOptionsTest {
    static MessagesSettings parse(String... args) {
        MessagesOptions options = new MessagesOptions();
        new CommandLine(options).parseArgs(args);
        return options.toSettings();
    }

    @Test
    void theGenericProviderIsTheDefaultAndTwilioNeedsItsCredentials(@TempDir Path dir) throws Exception {
        if (System.getenv().keySet().stream().noneMatch(k -> k.startsWith("JOBFLEET_MESSAGES_"))) {
            MessagesSettings d = parse();
            assertThat(d.newProvider()).isInstanceOf(HttpJsonProvider.class);
            assertThat(d.newProvider().deduplicates()).isTrue();
            assertThat(d.httpUrl()).isEqualTo("http://127.0.0.1:8091/v1/messages");
            assertThat(d.sendTimeout()).isEqualTo(Duration.ofSeconds(10));
            assertThat(d.history()).isEqualTo(20);
            assertThat(parse("--no-messages-http-deduplicates").newProvider().deduplicates()).isFalse();
        }
        Path token = Files.writeString(dir.resolve("twilio-token"), "s3cret-token\n");
        MessagesSettings twilio = parse("--messages-provider", "twilio", "--messages-twilio-account-sid", "AC1",
                "--messages-twilio-auth-token-file", token.toString(), "--messages-twilio-from", "+15550000000");
        assertThat(twilio.newProvider()).isInstanceOf(TwilioProvider.class);
        assertThat(twilio.newProvider().deduplicates()).isFalse();
        assertThat(twilio.twilio().authToken().reveal()).isEqualTo("s3cret-token");
        assertThat(twilio.toString()).doesNotContain("s3cret-token");
    }

    @Test
    void onlyTheConfiguredProvidersTokenIsRead(@TempDir Path dir) throws Exception {
        Path token = Files.writeString(dir.resolve("token"), "http-token\n");
        Path missing = dir.resolve("not-there");
        MessagesSettings http = parse("--messages-http-token-file", token.toString(),
                "--messages-twilio-auth-token-file", missing.toString());
        assertThat(http.httpToken().reveal()).isEqualTo("http-token");
        assertThat(http.twilio().authToken().reveal()).isEmpty();
    }

    @Test
    void badValuesNameTheOptionToFix() {
        assertThatThrownBy(() -> parse("--messages-provider", "carrier-pigeon")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("--messages-provider");
        assertThatThrownBy(() -> parse("--messages-provider", "twilio")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("--messages-twilio-account-sid is required");
        assertThatThrownBy(() -> parse("--messages-http-url", "ftp://x")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("--messages-http-url");
        assertThatThrownBy(() -> parse("--messages-history", "-1")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("--messages-history");
    }

    @Test
    void everyFlagShowsInHelpWithItsEnvironmentVariable() {
        CommandLine cl = JobfleetCli.commandLine(List.of(new MessagesFamily()), List.of(new ResolveCommand()));
        StringWriter out = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        assertThat(cl.execute("run", "--help")).isZero();
        for (String env : List.of("JOBFLEET_MESSAGES_PROVIDER", "JOBFLEET_MESSAGES_HTTP_URL", "JOBFLEET_MESSAGES_HTTP_TOKEN_FILE",
                "JOBFLEET_MESSAGES_HTTP_DEDUPLICATES", "JOBFLEET_MESSAGES_TWILIO_URL", "JOBFLEET_MESSAGES_TWILIO_ACCOUNT_SID",
                "JOBFLEET_MESSAGES_TWILIO_AUTH_TOKEN_FILE", "JOBFLEET_MESSAGES_TWILIO_FROM", "JOBFLEET_MESSAGES_SEND_TIMEOUT",
                "JOBFLEET_MESSAGES_HISTORY", "JOBFLEET_MESSAGES_RATE_LIMIT")) {
            assertThat(out.toString().replaceAll("\\s+", " ")).as(env).contains(env);
        }
        StringWriter resolve = new StringWriter();
        cl.setOut(new PrintWriter(resolve, true));
        assertThat(cl.execute("resolve", "--help")).isZero();
        assertThat(resolve.toString()).contains("--as-sent").contains("--resend").contains("JOBFLEET_DB_URL");
    }
}
