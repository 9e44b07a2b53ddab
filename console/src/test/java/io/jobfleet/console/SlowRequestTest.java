package io.jobfleet.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.jobfleet.testing.TestDatabase;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Clients that never finish their request cannot keep the console from answering others. */
class SlowRequestTest {
    @RegisterExtension
    static final TestDatabase DB = new TestDatabase();

    static ConsoleFixture console;

    @BeforeAll
    static void start() {
        console = new ConsoleFixture(DB, false);
    }

    @AfterAll
    static void stop() {
        console.close();
    }

    @Test
    void stalledRequestsAreClosedAfterTheReadTimeoutAndOthersAreAnsweredAgain() throws Exception {
        long limit = RequestReadLimit.apply(ConsoleFixture.READ_TIMEOUT);
        assertThat(limit).as("the read limit in effect").isPositive().isLessThan(30);
        List<Socket> stalled = new ArrayList<>();
        try {
            for (int i = 0; i < 20; i++) {
                Socket s = new Socket("127.0.0.1", console.server.port());
                String head = "POST /login HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\n"
                        + "Content-Length: 100\r\n" + (i % 2 == 0 ? "\r\nusername=ol" : "");
                s.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));
                s.getOutputStream().flush();
                stalled.add(s);
            }
            for (Socket s : stalled) {
                // more than the limit and the JDK's 1 s timer, far less than for ever
                s.setSoTimeout((int) (limit * 1000 + 10_000));
                assertThat(closedByServer(s)).as("a stalled request is closed by the console").isTrue();
            }
            HttpResponse<String> r = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()
                    .send(HttpRequest.newBuilder(URI.create(console.base() + "/login")).timeout(Duration.ofSeconds(10))
                            .GET().build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.body()).contains("id=\"sign-in\"");
        } finally {
            for (Socket s : stalled) {
                s.close();
            }
        }
    }

    /** Reads until the server ends the connection; false when it stays open past the socket's timeout. */
    private static boolean closedByServer(Socket s) throws IOException {
        InputStream in = s.getInputStream();
        try {
            while (in.read() != -1) {
                // an error answer may come first; the end of the stream is what counts
            }
            return true;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException reset) {
            return true;
        }
    }
}
