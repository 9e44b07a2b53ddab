package io.jobfleet.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jobfleet.text.samples.SampleDocuments;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalFileLoadingTest {
    @TempDir
    Path dir;

    @Test
    void loadsAPdfByPathAndByFileUrl() throws Exception {
        Path file = Files.write(dir.resolve("spec.pdf"), SampleDocuments.pdf(List.of("Hello")));
        DocumentLoader loader = new DocumentLoader();

        LoadedDocument byPath = loader.load(file.toString());
        LoadedDocument byUrl = loader.load(file.toUri().toString());

        assertThat(byPath.format()).isEqualTo(DocumentFormat.PDF);
        assertThat(byPath.name()).isEqualTo("spec.pdf");
        assertThat(byPath.bytes()).isEqualTo(Files.readAllBytes(file));
        assertThat(byUrl.bytes()).isEqualTo(byPath.bytes());
    }

    @Test
    void detectsMarkdownAndTextByExtension() throws Exception {
        Files.writeString(dir.resolve("notes.md"), "# Title\n\nBody");
        Files.writeString(dir.resolve("notes.txt"), "Body");
        DocumentLoader loader = new DocumentLoader();

        assertThat(loader.load(dir.resolve("notes.md").toString()).format()).isEqualTo(DocumentFormat.MARKDOWN);
        assertThat(loader.load(dir.resolve("notes.txt").toString()).format()).isEqualTo(DocumentFormat.TEXT);
    }

    @Test
    void missingFileIsNotFound() {
        assertError(new DocumentLoader(), dir.resolve("nope.pdf"), DocumentError.NOT_FOUND);
    }

    @Test
    void directoryIsUnreadable() {
        assertError(new DocumentLoader(), dir, DocumentError.UNREADABLE);
    }

    @Test
    void fileOverTheLimitIsTooLargeBeforeReading() throws Exception {
        Path file = Files.write(dir.resolve("big.txt"), new byte[3000]);
        DocumentLoader loader = new DocumentLoader(LoaderLimits.defaults().withMaxBytes(1024));

        assertThatThrownBy(() -> loader.load(new DocumentSource.LocalFile(file)))
                .isInstanceOfSatisfying(DocumentException.class, e -> {
                    assertThat(e.code()).isEqualTo(DocumentError.TOO_LARGE);
                    assertThat(e.getMessage()).isEqualTo("The file is 2.9 KB; the limit is 1 KB.");
                });
    }

    @Test
    void filesInsideTheAllowedDirectoryLoad() throws Exception {
        Path allowed = Files.createDirectories(dir.resolve("allowed/sub"));
        Path file = Files.writeString(allowed.resolve("a.txt"), "inside");
        DocumentLoader loader = new DocumentLoader(LoaderLimits.defaults().withAllowedBaseDir(dir.resolve("allowed")));

        assertThat(loader.load(new DocumentSource.LocalFile(file)).bytes()).isEqualTo("inside".getBytes());
    }

    @Test
    void pathsOutsideTheAllowedDirectoryAreRefused() throws Exception {
        Path allowed = Files.createDirectories(dir.resolve("allowed"));
        Path outside = Files.writeString(dir.resolve("secret.txt"), "secret");
        Files.createDirectories(dir.resolve("allowed-not"));
        Path sibling = Files.writeString(dir.resolve("allowed-not/x.txt"), "secret");
        DocumentLoader loader = new DocumentLoader(LoaderLimits.defaults().withAllowedBaseDir(allowed));

        assertError(loader, outside, DocumentError.REFUSED);
        assertError(loader, sibling, DocumentError.REFUSED);
        assertError(loader, allowed.resolve("../secret.txt"), DocumentError.REFUSED);
        assertError(loader, dir.resolve("missing.txt"), DocumentError.REFUSED);
    }

    @Test
    void symbolicLinksLeavingTheAllowedDirectoryAreRefused() throws Exception {
        Path allowed = Files.createDirectories(dir.resolve("allowed"));
        Path outside = Files.writeString(dir.resolve("secret.txt"), "secret");
        Path link = Files.createSymbolicLink(allowed.resolve("link.txt"), outside);
        DocumentLoader loader = new DocumentLoader(LoaderLimits.defaults().withAllowedBaseDir(allowed));

        assertError(loader, link, DocumentError.REFUSED);
    }

    private static void assertError(DocumentLoader loader, Path path, DocumentError expected) {
        assertThatThrownBy(() -> loader.load(new DocumentSource.LocalFile(path)))
                .isInstanceOfSatisfying(DocumentException.class, e -> assertThat(e.code()).isEqualTo(expected));
    }
}
