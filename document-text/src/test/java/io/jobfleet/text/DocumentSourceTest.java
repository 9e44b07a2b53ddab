package io.jobfleet.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DocumentSourceTest {

    @Test
    void parsesAbsolutePathsAndFileUrls() throws Exception {
        assertThat(DocumentSource.parse("/data/docs/spec.pdf"))
                .isEqualTo(new DocumentSource.LocalFile(Path.of("/data/docs/spec.pdf")));
        assertThat(DocumentSource.parse("file:/data/docs/spec.pdf"))
                .isEqualTo(new DocumentSource.LocalFile(Path.of("/data/docs/spec.pdf")));
        assertThat(DocumentSource.parse("file:///data/my%20docs/spec.pdf"))
                .isEqualTo(new DocumentSource.LocalFile(Path.of("/data/my docs/spec.pdf")));
        assertThat(DocumentSource.parse("file://localhost/data/spec.pdf"))
                .isEqualTo(new DocumentSource.LocalFile(Path.of("/data/spec.pdf")));
    }

    @Test
    void parsesHttpAndHttpsUrls() throws Exception {
        assertThat(DocumentSource.parse("http://example.com/a.pdf"))
                .isEqualTo(new DocumentSource.Url(URI.create("http://example.com/a.pdf")));
        assertThat(DocumentSource.parse("  https://example.com/files/a.docx?sig=abc  "))
                .isEqualTo(new DocumentSource.Url(URI.create("https://example.com/files/a.docx?sig=abc")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "relative/path.pdf", "ftp://example.com/a.pdf", "javascript:alert(1)",
            "file://fileserver/share/a.pdf", "file:relative.pdf", "https:///no-host", "http://exa mple.com/"})
    void refusesOtherLocations(String location) {
        assertThatThrownBy(() -> DocumentSource.parse(location))
                .isInstanceOfSatisfying(DocumentException.class, e -> {
                    assertThat(e.code()).isEqualTo(DocumentError.REFUSED);
                    assertThat(e.retryable()).isFalse();
                });
    }

    @Test
    void urlToStringLeavesOutTheQueryWhichMayHoldTokens() {
        DocumentSource url = new DocumentSource.Url(URI.create("https://bucket.example.com/a.pdf?X-Signature=secret"));
        assertThat(url.toString()).contains("https://bucket.example.com/a.pdf").doesNotContain("secret");
    }

    @Test
    void storedBytesToStringDoesNotDumpTheBytes() {
        DocumentSource stored = new DocumentSource.StoredBytes(new byte[1000], "a.pdf", "application/pdf");
        assertThat(stored.toString()).contains("1000 bytes", "a.pdf");
    }

    @Test
    void localFileMustBeAbsolute() {
        assertThatThrownBy(() -> new DocumentSource.LocalFile(Path.of("relative.pdf")))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
