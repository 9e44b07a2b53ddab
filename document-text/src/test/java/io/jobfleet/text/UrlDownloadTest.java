package io.jobfleet.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jobfleet.text.samples.SampleDocuments;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import okio.Buffer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class UrlDownloadTest {
    private static final String PDF = "application/pdf";

    @StartStop
    private final MockWebServer server = new MockWebServer();

    private LoaderLimits limits;

    /** The server runs on loopback, which only an allowlist entry for its port opens. */
    @BeforeEach
    void allowTheServer() {
        limits = LoaderLimits.defaults()
                .withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(2), Duration.ofSeconds(5))
                .withAddressPolicy(AddressPolicy.allowing(List.of("127.0.0.1:" + server.getPort())));
    }

    @Test
    void downloadsAPdf() throws Exception {
        byte[] pdf = SampleDocuments.pdf(List.of("Downloaded page"));
        server.enqueue(ok(pdf, PDF));

        LoadedDocument document = new DocumentLoader(limits).load(url("/files/spec.pdf?token=abc"));

        assertThat(document.format()).isEqualTo(DocumentFormat.PDF);
        assertThat(document.name()).isEqualTo("spec.pdf");
        assertThat(document.bytes()).isEqualTo(pdf);
        RecordedRequest request = server.takeRequest(1, TimeUnit.SECONDS);
        assertThat(request.getHeaders().get("Accept")).contains(PDF);
    }

    @Test
    void sniffsOctetStreamsAndAnswersWithoutContentType() throws Exception {
        byte[] docx = SampleDocuments.docx(List.of(List.of("Paragraph")));
        server.enqueue(ok(docx, "application/octet-stream"));
        server.enqueue(new MockResponse.Builder().body(new Buffer().write(docx)).build());
        DocumentLoader loader = new DocumentLoader(limits);

        assertThat(loader.load(url("/a")).format()).isEqualTo(DocumentFormat.DOCX);
        assertThat(loader.load(url("/b")).format()).isEqualTo(DocumentFormat.DOCX);
    }

    @Test
    void usesTheContentTypeToRecognizeText() throws Exception {
        server.enqueue(ok("# Notes".getBytes(), "text/markdown; charset=utf-8"));

        assertThat(new DocumentLoader(limits).load(url("/notes")).format()).isEqualTo(DocumentFormat.MARKDOWN);
    }

    @Test
    void followsRedirects() throws Exception {
        server.enqueue(redirect("/moved/spec.pdf"));
        server.enqueue(ok(SampleDocuments.pdf(List.of("Moved")), PDF));

        LoadedDocument document = new DocumentLoader(limits).load(url("/spec"));

        assertThat(document.name()).isEqualTo("spec.pdf");
        assertThat(server.getRequestCount()).isEqualTo(2);
    }

    @Test
    void stopsAfterTooManyRedirects() {
        for (int i = 0; i < 5; i++) {
            server.enqueue(redirect("/hop" + i));
        }

        assertFails(new DocumentLoader(limits.withMaxRedirects(2)), url("/start"), e -> {
            assertThat(e.code()).isEqualTo(DocumentError.HTTP_ERROR);
            assertThat(e.getMessage()).contains("redirected more than 2 times");
        });
        assertThat(server.getRequestCount()).isEqualTo(3);
    }

    @Test
    void notFoundAndGoneAreNotFound() {
        server.enqueue(new MockResponse.Builder().code(404).build());
        server.enqueue(new MockResponse.Builder().code(410).build());
        DocumentLoader loader = new DocumentLoader(limits);

        assertFails(loader, url("/missing"), e -> {
            assertThat(e.code()).isEqualTo(DocumentError.NOT_FOUND);
            assertThat(e.getMessage())
                    .isEqualTo("The document could not be downloaded: the server answered 404 Not Found.");
        });
        assertFails(loader, url("/gone"), e -> assertThat(e.code()).isEqualTo(DocumentError.NOT_FOUND));
    }

    @Test
    void serverErrorsAreRetryableAndClientErrorsAreNot() {
        server.enqueue(new MockResponse.Builder().code(500).build());
        server.enqueue(new MockResponse.Builder().code(403).build());
        DocumentLoader loader = new DocumentLoader(limits);

        assertFails(loader, url("/broken"), e -> {
            assertThat(e.code()).isEqualTo(DocumentError.DOWNLOAD_FAILED);
            assertThat(e.retryable()).isTrue();
            assertThat(e.getMessage()).contains("500 Internal Server Error");
        });
        assertFails(loader, url("/forbidden"), e -> {
            assertThat(e.code()).isEqualTo(DocumentError.HTTP_ERROR);
            assertThat(e.retryable()).isFalse();
        });
    }

    @Test
    void refusesBodiesLongerThanTheLimitByContentLength() {
        server.enqueue(ok(new byte[4096], PDF));

        assertFails(new DocumentLoader(limits.withMaxBytes(1024)), url("/big"), e -> {
            assertThat(e.code()).isEqualTo(DocumentError.TOO_LARGE);
            assertThat(e.getMessage()).isEqualTo("The file is 4 KB; the limit is 1 KB.");
        });
    }

    @Test
    void stopsReadingAChunkedBodyOnceItPassesTheLimit() {
        server.enqueue(new MockResponse.Builder()
                .addHeader("Content-Type", "text/plain")
                .chunkedBody("x".repeat(64 * 1024), 512)
                .build());

        assertFails(new DocumentLoader(limits.withMaxBytes(1024)), url("/stream.txt"), e -> {
            assertThat(e.code()).isEqualTo(DocumentError.TOO_LARGE);
            assertThat(e.getMessage()).isEqualTo("The file is larger than 1 KB, the limit.");
        });
    }

    @Test
    void refusesContentTypesOutsideTheAllowedList() {
        server.enqueue(ok("<html></html>".getBytes(), "text/html; charset=utf-8"));

        assertFails(new DocumentLoader(limits), url("/page"), e -> {
            assertThat(e.code()).isEqualTo(DocumentError.UNSUPPORTED_TYPE);
            assertThat(e.getMessage()).contains("text/html");
        });
    }

    @Test
    void aServerThatDoesNotAnswerTimesOut() {
        server.enqueue(new MockResponse.Builder().headersDelay(3, TimeUnit.SECONDS).body("late").build());
        LoaderLimits fast = limits.withTimeouts(Duration.ofSeconds(1), Duration.ofMillis(200), Duration.ofSeconds(5));

        long start = System.nanoTime();
        assertFails(new DocumentLoader(fast), url("/slow"), e -> {
            assertThat(e.code()).isEqualTo(DocumentError.DOWNLOAD_FAILED);
            assertThat(e.getMessage()).isEqualTo(HttpDownloader.UNREACHABLE);
        });
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
    }

    @Test
    void aBodyTricklingInIsCutOffByTheCallTimeout() {
        server.enqueue(new MockResponse.Builder()
                .addHeader("Content-Type", "text/plain")
                .body("x".repeat(200))
                .throttleBody(1, 50, TimeUnit.MILLISECONDS)
                .build());
        LoaderLimits fast = limits.withTimeouts(Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofMillis(400));

        long start = System.nanoTime();
        assertFails(new DocumentLoader(fast), url("/trickle.txt"),
                e -> assertThat(e.code()).isEqualTo(DocumentError.DOWNLOAD_FAILED));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
    }

    @Test
    void aRefusedConnectionIsARetryableDownloadFailure() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }

        LoaderLimits open = limits.withAddressPolicy(AddressPolicy.allowing(List.of("127.0.0.1:" + closedPort)));

        assertFails(new DocumentLoader(open), "http://127.0.0.1:" + closedPort + "/a.pdf", e -> {
            assertThat(e.code()).isEqualTo(DocumentError.DOWNLOAD_FAILED);
            assertThat(e.retryable()).isTrue();
            assertThat(e.getMessage()).as("reads like a refused address").isEqualTo(HttpDownloader.UNREACHABLE);
        });
    }

    private String url(String path) {
        return server.url(path).toString();
    }

    private static MockResponse ok(byte[] body, String contentType) {
        return new MockResponse.Builder()
                .addHeader("Content-Type", contentType)
                .body(new Buffer().write(body))
                .build();
    }

    private static MockResponse redirect(String location) {
        return new MockResponse.Builder().code(302).addHeader("Location", location).build();
    }

    private static void assertFails(DocumentLoader loader, String url, Consumer<DocumentException> check) {
        assertThatThrownBy(() -> loader.load(url)).isInstanceOfSatisfying(DocumentException.class, check::accept);
    }
}
