package io.jobfleet.messages;

import io.jobfleet.config.ConfigException;
import io.jobfleet.config.DurationConverter;
import io.jobfleet.config.Secret;
import java.nio.file.Path;
import java.time.Duration;
import picocli.CommandLine.Option;

/**
 * The {@code --messages-*} options of {@code worker-messages run}, each with an environment
 * variable. The field initializers hold the same defaults, so an instance Picocli never parsed works.
 */
public class MessagesOptions {
    @Option(names = "--messages-provider", paramLabel = "NAME",
            defaultValue = "${env:JOBFLEET_MESSAGES_PROVIDER:-" + MessagesSettings.PROVIDER_DEFAULT + "}",
            description = "Where replies are sent: http (a generic JSON API) or twilio (Twilio's Messages API) "
                    + "(env JOBFLEET_MESSAGES_PROVIDER; default ${DEFAULT-VALUE}).")
    String provider = MessagesSettings.PROVIDER_DEFAULT;

    @Option(names = "--messages-http-url", paramLabel = "URL",
            defaultValue = "${env:JOBFLEET_MESSAGES_HTTP_URL:-" + MessagesSettings.HTTP_URL_DEFAULT + "}",
            description = "The generic provider's endpoint, POSTed one JSON message with an Idempotency-Key header "
                    + "(env JOBFLEET_MESSAGES_HTTP_URL; default ${DEFAULT-VALUE}, the messages-sim).")
    String httpUrl = MessagesSettings.HTTP_URL_DEFAULT;

    @Option(names = "--messages-http-token-file", paramLabel = "FILE", defaultValue = "${env:JOBFLEET_MESSAGES_HTTP_TOKEN_FILE}",
            description = "File holding the generic provider's bearer token, never logged (env JOBFLEET_MESSAGES_HTTP_TOKEN_FILE; "
                    + "JOBFLEET_MESSAGES_HTTP_TOKEN holds the value itself, discouraged).")
    Path httpTokenFile;

    @Option(names = "--messages-http-deduplicates", negatable = true, fallbackValue = "true",
            defaultValue = "${env:JOBFLEET_MESSAGES_HTTP_DEDUPLICATES:-true}",
            description = "The generic provider delivers at most once per Idempotency-Key, so a send cut off mid-call is "
                    + "repeated with its key; --no-messages-http-deduplicates: such a send becomes UNCERTAIN instead "
                    + "(env JOBFLEET_MESSAGES_HTTP_DEDUPLICATES; default ${DEFAULT-VALUE}).")
    boolean httpDedup = true;

    @Option(names = "--messages-twilio-url", paramLabel = "URL",
            defaultValue = "${env:JOBFLEET_MESSAGES_TWILIO_URL:-" + MessagesSettings.TWILIO_URL_DEFAULT + "}",
            description = "Twilio's API base URL (env JOBFLEET_MESSAGES_TWILIO_URL; default ${DEFAULT-VALUE}).")
    String twilioUrl = MessagesSettings.TWILIO_URL_DEFAULT;

    @Option(names = "--messages-twilio-account-sid", paramLabel = "SID", defaultValue = "${env:JOBFLEET_MESSAGES_TWILIO_ACCOUNT_SID}",
            description = "Twilio account SID (env JOBFLEET_MESSAGES_TWILIO_ACCOUNT_SID).")
    String twilioAccountSid;

    @Option(names = "--messages-twilio-auth-token-file", paramLabel = "FILE",
            defaultValue = "${env:JOBFLEET_MESSAGES_TWILIO_AUTH_TOKEN_FILE}",
            description = "File holding the Twilio auth token, never logged (env JOBFLEET_MESSAGES_TWILIO_AUTH_TOKEN_FILE; "
                    + "JOBFLEET_MESSAGES_TWILIO_AUTH_TOKEN holds the value itself, discouraged).")
    Path twilioTokenFile;

    @Option(names = "--messages-twilio-from", paramLabel = "FROM", defaultValue = "${env:JOBFLEET_MESSAGES_TWILIO_FROM}",
            description = "Sender: a Twilio number (+15551234567) or a messaging service SID (MG...) "
                    + "(env JOBFLEET_MESSAGES_TWILIO_FROM).")
    String twilioFrom;

    @Option(names = "--messages-send-timeout", paramLabel = "DURATION", converter = DurationConverter.class,
            defaultValue = "${env:JOBFLEET_MESSAGES_SEND_TIMEOUT:-" + MessagesSettings.SEND_TIMEOUT_DEFAULT + "}",
            description = "Connect and read timeout of one provider call; a call past it after the request was sent "
                    + "has an unknown outcome (env JOBFLEET_MESSAGES_SEND_TIMEOUT; default ${DEFAULT-VALUE}).")
    Duration sendTimeout = DurationConverter.parse(MessagesSettings.SEND_TIMEOUT_DEFAULT);

    @Option(names = "--messages-history", paramLabel = "N",
            defaultValue = "${env:JOBFLEET_MESSAGES_HISTORY:-" + MessagesSettings.HISTORY_DEFAULT + "}",
            description = "Earlier messages of the conversation given to the model with each reply "
                    + "(env JOBFLEET_MESSAGES_HISTORY; default ${DEFAULT-VALUE}).")
    int history = MessagesSettings.HISTORY_DEFAULT;

    @Option(names = "--messages-rate-limit", paramLabel = "NAME", defaultValue = "${env:JOBFLEET_MESSAGES_RATE_LIMIT:-}",
            description = "Name of the fleet-wide rate limit every send takes a permit from (define it with `jobfleet "
                    + "rate-limit set NAME --permits N --per 1s`); empty: no limit (env JOBFLEET_MESSAGES_RATE_LIMIT).")
    String rateLimit = "";

    /** Settings given whole (tests, embedding): they win over the options above. */
    private MessagesSettings given;

    public MessagesOptions() {
    }

    /** Options holding {@code settings}, e.g. for tests and embedding. */
    public static MessagesOptions of(MessagesSettings settings) {
        MessagesOptions o = new MessagesOptions();
        o.given = settings;
        return o;
    }

    /** The validated settings; throws {@link ConfigException} naming the option to fix. */
    public MessagesSettings toSettings() {
        if (given != null) {
            return given;
        }
        // only the configured provider's secret is read: the other may point at a file that is not there
        boolean twilio = "twilio".equals(provider);
        Secret httpToken = twilio ? Secret.empty() : Secret.fromValueOrFile(System.getenv("JOBFLEET_MESSAGES_HTTP_TOKEN"),
                httpTokenFile, "the message provider's token");
        Secret twilioToken = !twilio ? Secret.empty() : Secret.fromValueOrFile(
                System.getenv("JOBFLEET_MESSAGES_TWILIO_AUTH_TOKEN"), twilioTokenFile, "the Twilio auth token");
        return new MessagesSettings(provider, httpUrl, httpToken, httpDedup,
                new MessagesSettings.Twilio(twilioUrl, twilioAccountSid, twilioToken, twilioFrom), sendTimeout, history,
                rateLimit);
    }
}
