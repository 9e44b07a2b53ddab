package io.jobfleet.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jobfleet.config.HttpConfig;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Raw sockets against the metrics and health server: idle and slow clients cannot starve it. */
class HttpEndpointsTest {
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

    private HttpEndpoints start(Duration readTimeout) {
        HttpEndpoints http = new HttpEndpoints(new HttpConfig("127.0.0.1", 0), "w-test", registry, () -> true, null,
                readTimeout);
        http.start();
        return http;
    }

    @Test
    void idleConnectionsThatNeverSendARequestDoNotBlockLiveness() throws Exception {
        // a read timeout far beyond the test: the idle connections hold their threads throughout
        HttpEndpoints http = start(Duration.ofMinutes(5));
        try (Socket idle1 = connect(http); Socket idle2 = connect(http); Socket trickle = connect(http)) {
            trickle.getOutputStream().write("GET /health/live HTTP/1.1\r\nHost: x\r\n".getBytes(StandardCharsets.US_ASCII));
            String answer = get(http, "/health/live");
            assertThat(answer).startsWith("HTTP/1.1 200 ").contains("\"status\":\"live\"", "\"worker\":\"w-test\"",
                    "\"port\":" + http.port());
            for (Socket s : List.of(idle1, idle2, trickle)) {
                s.setSoTimeout(50);
                assertThatThrownBy(() -> s.getInputStream().read()).as("still open, nothing sent")
                        .isInstanceOf(SocketTimeoutException.class);
            }
        } finally {
            http.stop(Duration.ofSeconds(1));
        }
    }

    @Test
    void connectionsWithoutACompleteRequestAreClosedAfterTheReadTimeout() throws Exception {
        HttpEndpoints http = start(Duration.ofMillis(300));
        try (Socket idle = connect(http); Socket trickle = connect(http)) {
            trickle.getOutputStream().write("GET /metrics HTTP/1.1\r\n".getBytes(StandardCharsets.US_ASCII));
            for (Socket s : List.of(idle, trickle)) {
                s.setSoTimeout(30_000);
                assertThat(s.getInputStream().read()).as("closed by the server, no answer").isEqualTo(-1);
            }
            assertThat(get(http, "/health/live")).startsWith("HTTP/1.1 200 ");
        } finally {
            http.stop(Duration.ofSeconds(1));
        }
    }

    @Test
    void oversizedAndMalformedRequestsAreRefused() throws Exception {
        HttpEndpoints http = start(Duration.ofSeconds(30));
        try {
            assertThat(send(http, "NONSENSE\r\n\r\n")).startsWith("HTTP/1.1 400 ");
            assertThat(send(http, "DELETE /metrics HTTP/1.1\r\n\r\n")).startsWith("HTTP/1.1 405 ");
            assertThat(send(http, "GET /x HTTP/1.1\r\n" + "X-Long: " + "a".repeat(HttpListener.MAX_HEAD_BYTES)
                    + "\r\n\r\n")).as("closed without an answer").isEmpty();
            assertThat(send(http, "HEAD /health/live HTTP/1.1\r\n\r\n")).startsWith("HTTP/1.1 200 ").endsWith("\r\n\r\n");
        } finally {
            http.stop(Duration.ofSeconds(1));
        }
    }

    private static Socket connect(HttpEndpoints http) throws IOException {
        return new Socket(InetAddress.getLoopbackAddress(), http.port());
    }

    private static String get(HttpEndpoints http, String path) throws IOException {
        return send(http, "GET " + path + " HTTP/1.1\r\nHost: x\r\n\r\n");
    }

    private static String send(HttpEndpoints http, String request) throws IOException {
        try (Socket s = connect(http)) {
            s.setSoTimeout(30_000);
            s.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            try {
                return new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            } catch (java.net.SocketException e) {
                return "";
            }
        }
    }
}
