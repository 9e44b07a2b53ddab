package io.jobfleet.messages.provider;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jobfleet.llm.Cancellation;
import io.jobfleet.support.StoredText;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.concurrent.TimeUnit;
import okhttp3.Call;
import okhttp3.ConnectionPool;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * One provider request and the sorting of what went wrong, shared by the providers: a connection
 * that never opened is {@code NOT_SENT}; a request written without an answer is {@code UNKNOWN};
 * 429 is {@code RATE_LIMITED} with its Retry-After; 5xx is {@code NOT_SENT}; other 4xx {@code REJECTED}.
 */
final class HttpCall {
    /** Longest Retry-After honoured. */
    static final Duration MAX_RETRY_AFTER = Duration.ofHours(1);

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final OkHttpClient http;
    private final String provider;

    /**
     * {@code reuseConnections} false: every request opens its own connection. A kept-alive idle
     * connection the provider has closed in the meantime fails only after the request was written
     * on it ("unexpected end of stream"): an outcome that is unknown and, for a provider that does
     * not de-duplicate, a message left UNCERTAIN although it never arrived. On a new connection a
     * failure to connect is surely "not sent".
     */
    HttpCall(Duration timeout, String provider, boolean reuseConnections) {
        OkHttpClient.Builder builder = new OkHttpClient.Builder();
        if (!reuseConnections) {
            builder.connectionPool(new ConnectionPool(0, 1, TimeUnit.SECONDS));
        }
        this.http = builder
                .connectTimeout(timeout)
                .readTimeout(timeout)
                .writeTimeout(timeout)
                .callTimeout(timeout.multipliedBy(2))
                .retryOnConnectionFailure(false) // a silent re-send of a written request could deliver twice
                .followRedirects(false)
                .build();
        this.provider = provider;
    }

    /** The answer's status and body for a 2xx; a {@link SendException} for everything else. */
    Answer execute(Request request, ErrorText errorText, Cancellation cancellation) throws SendException {
        Call call = http.newCall(request);
        cancellation.onCancel(call::cancel);
        try (Response response = call.execute()) {
            String body = response.body().string();
            int code = response.code();
            if (code >= 200 && code < 300) {
                return new Answer(code, body);
            }
            String why = provider + " answered " + code + readable(errorText.of(body), body);
            if (code == 429) {
                throw SendException.rateLimited(why, retryAfter(response.header("Retry-After")));
            }
            if (code >= 500 || code == 408) {
                throw SendException.notSent(why, null);
            }
            throw SendException.rejected(why);
        } catch (ConnectException | UnknownHostException | NoRouteToHostException e) {
            throw SendException.notSent(provider + " unreachable: " + e.getMessage(), e);
        } catch (InterruptedIOException e) {
            throw SendException.unknown(provider + " did not answer in time after the request was sent", e);
        } catch (IOException e) {
            throw SendException.unknown(provider + " connection broke after the request was sent: " + e.getMessage(), e);
        }
    }

    /** Longest excerpt of an error body the provider's format does not explain. */
    static final int EXCERPT_CHARS = 200;

    /**
     * The provider's own words: what {@code text} found in its format, else a short excerpt of the
     * body as it came (an HTML page, plain text), control characters and runs of spaces made one space.
     */
    static String readable(String text, String body) {
        if (!text.isEmpty() || body == null) {
            return text;
        }
        String excerpt = body.replaceAll("[\\p{Cc}\\p{Cf}\\p{Z}\\s]+", " ").strip();
        if (excerpt.isEmpty()) {
            return "";
        }
        return ": " + StoredText.capped(excerpt, EXCERPT_CHARS); // never inside a surrogate pair, … included
    }

    /**
     * A 429's Retry-After, in seconds or as a date; null when there is none or it cannot be read
     * (the send handler then waits longer each time).
     */
    static Duration retryAfter(String header) {
        if (header == null || header.isBlank()) {
            return null;
        }
        Duration d;
        try {
            d = Duration.ofMillis((long) (Double.parseDouble(header.strip()) * 1000));
        } catch (NumberFormatException e) {
            try {
                d = Duration.between(Instant.now(), ZonedDateTime.parse(header.strip(), DateTimeFormatter.RFC_1123_DATE_TIME));
            } catch (DateTimeParseException e2) {
                return null;
            }
        }
        if (d.isNegative()) {
            return Duration.ZERO;
        }
        return d.compareTo(MAX_RETRY_AFTER) > 0 ? MAX_RETRY_AFTER : d;
    }

    /** A provider's JSON body, or an empty object when it is none. */
    static JsonNode json(String body) {
        try {
            return MAPPER.readTree(body == null || body.isBlank() ? "{}" : body);
        } catch (IOException e) {
            return MAPPER.createObjectNode();
        }
    }

    record Answer(int code, String body) {
    }

    /** The readable part of a provider's error body, e.g. {@code ": invalid number (21211)"}; empty if none. */
    @FunctionalInterface
    interface ErrorText {
        String of(String body);
    }
}
