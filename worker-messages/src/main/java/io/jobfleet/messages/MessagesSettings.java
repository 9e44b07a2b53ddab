package io.jobfleet.messages;

import io.jobfleet.config.ConfigException;
import io.jobfleet.config.Secret;
import io.jobfleet.messages.provider.HttpJsonProvider;
import io.jobfleet.messages.provider.MessageProvider;
import io.jobfleet.messages.provider.TwilioProvider;
import java.time.Duration;

/**
 * The messages family's settings, validated when built, with messages that say what to change.
 *
 * @param provider      {@code http} (generic JSON) or {@code twilio}
 * @param httpUrl       the generic provider's endpoint
 * @param httpToken     its bearer token (may be empty)
 * @param httpDedup     whether the generic provider delivers at most once per {@code Idempotency-Key}
 * @param twilio        Twilio's base URL, account SID, auth token and sender
 * @param sendTimeout   connect/read timeout of one provider call
 * @param history       most earlier messages of the conversation given to the model
 * @param rateLimit     name of the fleet-wide token bucket every send takes from (empty: none)
 */
public record MessagesSettings(String provider, String httpUrl, Secret httpToken, boolean httpDedup, Twilio twilio,
                               Duration sendTimeout, int history, String rateLimit) {
    public static final String PROVIDER_DEFAULT = "http";
    public static final String HTTP_URL_DEFAULT = "http://127.0.0.1:8091/v1/messages";
    public static final String TWILIO_URL_DEFAULT = "https://api.twilio.com";
    public static final String SEND_TIMEOUT_DEFAULT = "10s";
    public static final int HISTORY_DEFAULT = 20;

    /** Twilio's settings; only checked when the provider is {@code twilio}. */
    public record Twilio(String url, String accountSid, Secret authToken, String from) {
    }

    public MessagesSettings {
        if (!provider.equals("http") && !provider.equals("twilio")) {
            throw ConfigException.invalid("--messages-provider", "http or twilio", provider);
        }
        if (provider.equals("http") && !httpUrl.matches("(?i)https?://.+")) {
            throw ConfigException.invalid("--messages-http-url", "an http(s) URL", httpUrl);
        }
        if (provider.equals("twilio")) {
            if (twilio.accountSid() == null || twilio.accountSid().isBlank()) {
                throw new ConfigException("--messages-twilio-account-sid is required with --messages-provider twilio "
                        + "(env JOBFLEET_MESSAGES_TWILIO_ACCOUNT_SID)");
            }
            if (twilio.authToken().isEmpty()) {
                throw new ConfigException("--messages-twilio-auth-token-file is required with --messages-provider twilio "
                        + "(env JOBFLEET_MESSAGES_TWILIO_AUTH_TOKEN_FILE)");
            }
            if (twilio.from() == null || twilio.from().isBlank()) {
                throw new ConfigException("--messages-twilio-from is required with --messages-provider twilio: a sender "
                        + "number or a messaging service SID (env JOBFLEET_MESSAGES_TWILIO_FROM)");
            }
            if (!twilio.url().matches("(?i)https?://.+")) {
                throw ConfigException.invalid("--messages-twilio-url", "an http(s) URL", twilio.url());
            }
        }
        if (sendTimeout.isNegative() || sendTimeout.isZero()) {
            throw ConfigException.invalid("--messages-send-timeout", "positive, e.g. 10s", sendTimeout);
        }
        if (history < 0 || history > 200) {
            throw ConfigException.invalid("--messages-history", "0..200", history);
        }
        rateLimit = rateLimit == null ? "" : rateLimit.strip();
    }

    /** The generic provider at {@code url}, for tests and embedding. */
    public static MessagesSettings http(String url, boolean deduplicates) {
        return new MessagesSettings("http", url, Secret.empty(), deduplicates,
                new Twilio(TWILIO_URL_DEFAULT, null, Secret.empty(), null), Duration.ofSeconds(10), HISTORY_DEFAULT, "");
    }

    public MessagesSettings withSendTimeout(Duration timeout) {
        return new MessagesSettings(provider, httpUrl, httpToken, httpDedup, twilio, timeout, history, rateLimit);
    }

    public MessagesSettings withRateLimit(String name) {
        return new MessagesSettings(provider, httpUrl, httpToken, httpDedup, twilio, sendTimeout, history, name);
    }

    /** The configured provider. */
    public MessageProvider newProvider() {
        if (provider.equals("twilio")) {
            return new TwilioProvider(twilio.url(), twilio.accountSid(), twilio.authToken(), twilio.from(), sendTimeout);
        }
        return new HttpJsonProvider(httpUrl, httpToken, httpDedup, sendTimeout);
    }
}
