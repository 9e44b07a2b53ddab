package io.jobfleet.documents.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jobfleet.config.ConfigException;
import io.jobfleet.text.DocumentAccess;
import io.jobfleet.text.ExtractionLimits;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

class DocumentsOptionsTest {
    @Command(name = "run")
    static final class Run {
        @Mixin
        DocumentsOptions options;
    }

    @Test
    void defaultsWhenNoFlagIsGiven() {
        assertThat(parse().toSettings()).isEqualTo(new DocumentsSettings(20L * 1024 * 1024, DocumentAccess.defaults(),
                12_000, 100));
        assertThat(new DocumentsOptions().toSettings()).as("without Picocli").isEqualTo(DocumentsSettings.defaults());
    }

    @Test
    void readsSizesDirectoriesAndChunkLengths() {
        DocumentsSettings s = parse("--documents-max-bytes", "512KiB", "--documents-base-dir", "/srv/uploads",
                "--documents-chunk-chars", "4000", "--documents-allow-hosts", "files.internal,10.0.0.0/8:9000",
                "--documents-max-pages", "50", "--documents-max-chars", "90000", "--documents-max-unpacked-bytes", "4096",
                "--documents-max-chunks", "9").toSettings();

        assertThat(s.maxBytes()).isEqualTo(512 * 1024);
        assertThat(s.access().baseDir()).isEqualTo(Path.of("/srv/uploads"));
        assertThat(s.access().addressPolicy().entries()).containsExactly("files.internal", "10.0.0.0/8:9000");
        assertThat(s.access().extraction()).isEqualTo(new ExtractionLimits(50, 90_000, 4096));
        assertThat(s.maxChunks()).isEqualTo(9);
        assertThat(s.loaderLimits().addressPolicy()).isEqualTo(s.access().addressPolicy());
        assertThat(s.chunkChars()).isEqualTo(4000);
        assertThat(s.loaderLimits().maxBytes()).isEqualTo(512 * 1024);
        assertThat(s.loaderLimits().allowedBaseDir()).isEqualTo(Path.of("/srv/uploads"));
    }

    @Test
    void sizesInBytesAndUnits() {
        assertThat(ByteSizeConverter.parse("1048576")).isEqualTo(1048576);
        assertThat(ByteSizeConverter.parse("20MiB")).isEqualTo(20L << 20);
        assertThat(ByteSizeConverter.parse("2 mb")).isEqualTo(2L << 20);
        assertThat(ByteSizeConverter.parse("1G")).isEqualTo(1L << 30);
        assertThatThrownBy(() -> ByteSizeConverter.parse("lots")).hasMessageContaining("20MiB");
    }

    @Test
    void badValuesSayWhichFlagToChange() {
        assertThatThrownBy(() -> parse("--documents-chunk-chars", "50").toSettings())
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("--documents-chunk-chars / JOBFLEET_DOCUMENTS_CHUNK_CHARS must be at least 200 (got 50)");
        assertThatThrownBy(() -> parse("--documents-base-dir", "uploads").toSettings())
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("--documents-base-dir / JOBFLEET_DOCUMENTS_BASE_DIR must be an absolute path");
        assertThatThrownBy(() -> parse("--documents-allow-hosts", "http://files").toSettings())
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("--documents-allow-hosts: 'http://files'");
        assertThatThrownBy(() -> parse("--documents-max-pages", "0").toSettings())
                .isInstanceOf(ConfigException.class).hasMessageContaining("--documents-max-pages");
        assertThatThrownBy(() -> parse("--documents-max-bytes", "0").toSettings())
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("--documents-max-bytes / JOBFLEET_DOCUMENTS_MAX_BYTES must be positive");
    }

    private static DocumentsOptions parse(String... args) {
        Run run = new Run();
        new CommandLine(run).parseArgs(args);
        return run.options;
    }
}
