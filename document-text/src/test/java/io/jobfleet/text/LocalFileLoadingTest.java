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

    private static final String UNAVAILABLE = " does not exist or may not be read.";

    @Test
    void loadsAPdfByPathAndByFileUrl() throws Exception {
        Path file = Files.write(dir.resolve("spec.pdf"), SampleDocuments.pdf(List.of("Hello")));
        DocumentLoader loader = inside(dir);

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
        DocumentLoader loader = inside(dir);

        assertThat(loader.load(dir.resolve("notes.md").toString()).format()).isEqualTo(DocumentFormat.MARKDOWN);
        assertThat(loader.load(dir.resolve("notes.txt").toString()).format()).isEqualTo(DocumentFormat.TEXT);
    }

    @Test
    void withoutABaseDirectoryEveryPathIsRefused() throws Exception {
        Path file = Files.writeString(dir.resolve("notes.txt"), "Body");

        assertThatThrownBy(() -> new DocumentLoader().load(file.toString()))
                .isInstanceOfSatisfying(DocumentException.class, e -> {
                    assertThat(e.code()).isEqualTo(DocumentError.REFUSED);
                    assertThat(e.getMessage()).contains("no documents base directory is configured");
                });
    }

    @Test
    void aMissingFileAndAForbiddenOneReadTheSame() throws Exception {
        Path allowed = Files.createDirectories(dir.resolve("allowed"));
        Path outside = Files.writeString(dir.resolve("secret.txt"), "secret");
        Files.createDirectories(dir.resolve("allowed-not"));
        Path sibling = Files.writeString(dir.resolve("allowed-not/secret.txt"), "secret");
        Path link = Files.createSymbolicLink(allowed.resolve("secret.txt"), outside);
        Path linkedDir = Files.createSymbolicLink(allowed.resolve("up"), dir);
        DocumentLoader loader = inside(allowed);

        for (Path path : List.of(outside, sibling, link, allowed.resolve("../secret.txt"),
                linkedDir.resolve("secret.txt"), allowed.resolve("missing/secret.txt"), allowed, Path.of("/etc/secret.txt"))) {
            assertUnavailable(loader, path);
        }
        assertUnavailable(loader, allowed.resolve("missing.txt"));
    }

    @Test
    void fileOverTheLimitIsTooLargeBeforeReading() throws Exception {
        Path file = Files.write(dir.resolve("big.txt"), new byte[3000]);
        DocumentLoader loader = new DocumentLoader(LoaderLimits.defaults().withMaxBytes(1024).withAllowedBaseDir(dir));

        assertThatThrownBy(() -> loader.load(new DocumentSource.LocalFile(file)))
                .isInstanceOfSatisfying(DocumentException.class, e -> {
                    assertThat(e.code()).isEqualTo(DocumentError.TOO_LARGE);
                    assertThat(e.getMessage()).isEqualTo("The file is 2.9 KB; the limit is 1 KB.");
                });
    }

    @Test
    void filesInsideTheAllowedDirectoryLoadThroughLinksThatStayInside() throws Exception {
        Path allowed = Files.createDirectories(dir.resolve("allowed/sub"));
        Path file = Files.writeString(allowed.resolve("a.txt"), "inside");
        Path link = Files.createSymbolicLink(dir.resolve("allowed/link.txt"), file);
        DocumentLoader loader = inside(dir.resolve("allowed"));

        assertThat(loader.load(new DocumentSource.LocalFile(file)).bytes()).isEqualTo("inside".getBytes());
        assertThat(loader.load(new DocumentSource.LocalFile(link)).bytes()).isEqualTo("inside".getBytes());
    }

    private static DocumentLoader inside(Path base) {
        return new DocumentLoader(LoaderLimits.defaults().withAllowedBaseDir(base));
    }

    private static void assertUnavailable(DocumentLoader loader, Path path) {
        assertThatThrownBy(() -> loader.load(new DocumentSource.LocalFile(path)))
                .as(path.toString())
                .isInstanceOfSatisfying(DocumentException.class, e -> {
                    assertThat(e.code()).isEqualTo(DocumentError.NOT_FOUND);
                    assertThat(e.getMessage()).isEqualTo("The file " + path.getFileName() + UNAVAILABLE);
                });
    }
}
