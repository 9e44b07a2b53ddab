package io.jobfleet.collections;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jobfleet.config.ConfigException;
import io.jobfleet.text.DocumentAccess;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The family's options parse from the command line, default sensibly and say what to fix. */
class CollectionsOptionsTest {
    static CollectionSettings parse(String... args) {
        CollectionsOptions options = new CollectionsOptions();
        new CommandLine(options).parseArgs(args);
        return options.toSettings();
    }

    @Test
    void defaultsWorkParsedOrNot() {
        CollectionSettings expected = CollectionSettings.defaults();
        assertThat(new CollectionsOptions().toSettings()).isEqualTo(expected);
        if (System.getenv().keySet().stream().noneMatch(k -> k.startsWith("JOBFLEET_COLLECTIONS_"))) {
            assertThat(parse()).isEqualTo(expected);
        }
        assertThat(expected.maxBytes()).isEqualTo(20L * 1024 * 1024);
        assertThat(expected.chunkChars()).isEqualTo(12_000);
    }

    @Test
    void flagsOverrideTheDefaults() {
        assertThat(parse("--collections-max-bytes", "1048576", "--collections-chunk-chars", "800",
                "--collections-max-chunks", "7", "--documents-base-dir", "/srv/uploads",
                "--documents-allow-hosts", "files.internal"))
                .isEqualTo(new CollectionSettings(1_048_576, 800, 7, DocumentAccess.defaults()
                        .withBaseDir(Path.of("/srv/uploads")).withAllowedHosts(List.of("files.internal"))));
    }

    @Test
    void badValuesNameTheOptionToFix() {
        assertThatThrownBy(() -> parse("--collections-chunk-chars", "50")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("--collections-chunk-chars / JOBFLEET_COLLECTIONS_CHUNK_CHARS must be at least 200");
        assertThatThrownBy(() -> parse("--collections-max-bytes", "0")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("--collections-max-bytes / JOBFLEET_COLLECTIONS_MAX_BYTES must be positive");
        assertThatThrownBy(() -> parse("--documents-base-dir", "relative/dir")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("--documents-base-dir / JOBFLEET_DOCUMENTS_BASE_DIR must be an absolute path");
    }

    @Test
    void theFamilyExposesItsOptionsAndKinds() {
        CollectionsOptions options = new CollectionsOptions();
        CollectionsFamily family = new CollectionsFamily(options);
        assertThat(family.options()).isSameAs(options);
        assertThat(family.queue()).isEqualTo("collections");
        assertThat(family.kinds()).containsExactly("collection.generate");
        assertThat(family.appSchemaLocation()).contains("classpath:db/app/collections");
    }
}
