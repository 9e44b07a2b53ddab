package io.jobfleet.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jobfleet.text.samples.SampleDocuments;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import okhttp3.Dns;
import okhttp3.OkHttpClient;
import okio.Buffer;
import org.junit.jupiter.api.Test;

/**
 * Server-side request forgery: a document URL in every form that reaches loopback (names, IP
 * literals in all spellings, redirects, a name resolving to a private address) is refused before
 * a single request reaches the target, with the one message that unreachable addresses also get.
 * The allowlisted server works.
 */
class SsrfTest {
    @StartStop
    private final MockWebServer allowed = new MockWebServer();
    @StartStop
    private final MockWebServer target = new MockWebServer();

    @Test
    void everyFormOfALoopbackAddressIsRefusedAndTheTargetSeesNoRequest() {
        int port = target.getPort();
        DocumentLoader loader = new DocumentLoader(limits());
        List<String> attacks = List.of(
                "http://localhost:" + port + "/secret.txt",
                "http://127.0.0.1:" + port + "/secret.txt",
                "http://2130706433:" + port + "/secret.txt",
                "http://[::1]:" + port + "/secret.txt",
                "http://[::ffff:127.0.0.1]:" + port + "/secret.txt",
                "http://0.0.0.0:" + port + "/secret.txt",
                "http://127.0.0.1/secret.txt",
                "http://169.254.169.254/latest/meta-data/",
                "http://[fd00::1]/x.txt",
                "http://10.0.0.1/x.txt",
                "https://192.168.0.1/x.txt");
        for (String url : attacks) {
            assertRefused(loader, url);
        }
        assertThatThrownBy(() -> loader.load("http://no-such-host.invalid/secret.txt")).as("an unknown host reads the same")
                .isInstanceOfSatisfying(DocumentException.class,
                        e -> assertThat(e.getMessage()).isEqualTo(HttpDownloader.UNREACHABLE));
        assertThatThrownBy(() -> loader.load("http://127.1:" + port + "/secret.txt"))
                .isInstanceOfSatisfying(DocumentException.class, e -> assertThat(e.code()).isEqualTo(DocumentError.REFUSED));
        assertThat(target.getRequestCount()).isZero();
    }

    @Test
    void aRedirectToAForbiddenAddressIsRefusedAtTheHop() {
        String[] hops = {"http://localhost:" + target.getPort() + "/secret.txt",
            "http://[::1]:" + target.getPort() + "/secret.txt", "http://169.254.169.254/latest/meta-data/",
            "http://2130706433:" + target.getPort() + "/"};
        for (String hop : hops) {
            allowed.enqueue(new MockResponse.Builder().code(302).addHeader("Location", hop).build());
        }
        DocumentLoader loader = new DocumentLoader(limits());

        for (int i = 0; i < hops.length; i++) {
            assertRefused(loader, allowed.url("/start-" + i).toString());
        }
        assertThat(allowed.getRequestCount()).isEqualTo(hops.length);
        assertThat(target.getRequestCount()).isZero();
    }

    @Test
    void aNameThatResolvesToAPrivateAddressIsRefused() {
        Dns rebinding = host -> {
            if (host.equals("files.example.com")) {
                return List.of(InetAddress.getLoopbackAddress());
            }
            throw new UnknownHostException(host);
        };
        LoaderLimits limits = limits();
        HttpDownloader downloader = new HttpDownloader(new OkHttpClient(), limits, rebinding);

        assertThatThrownBy(() -> downloader.download(java.net.URI.create("http://files.example.com/a.txt")))
                .isInstanceOfSatisfying(DocumentException.class, e -> {
                    assertThat(e.code()).isEqualTo(DocumentError.REFUSED);
                    assertThat(e.getMessage()).isEqualTo(HttpDownloader.UNREACHABLE);
                });
        assertThat(target.getRequestCount()).isZero();
    }

    @Test
    void theAllowlistedServerStillServes() throws Exception {
        allowed.enqueue(new MockResponse.Builder().addHeader("Content-Type", "text/plain")
                .body(new Buffer().write(SampleDocuments.text("allowed"))).build());

        LoadedDocument document = new DocumentLoader(limits()).load(allowed.url("/ok.txt").toString());

        assertThat(new String(document.bytes())).isEqualTo("allowed");
    }

    private LoaderLimits limits() {
        return LoaderLimits.defaults()
                .withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(2), Duration.ofSeconds(5))
                .withAddressPolicy(AddressPolicy.allowing(List.of("127.0.0.1:" + allowed.getPort())));
    }

    private static void assertRefused(DocumentLoader loader, String url) {
        assertThatThrownBy(() -> loader.load(url)).as(url)
                .isInstanceOfSatisfying(DocumentException.class, e -> {
                    assertThat(e.code()).as(url).isEqualTo(DocumentError.REFUSED);
                    assertThat(e.getMessage()).as(url).isEqualTo(HttpDownloader.UNREACHABLE);
                });
    }
}
