package io.jobfleet.collections;

import io.jobfleet.config.ConfigException;
import io.jobfleet.text.DocumentAccessOptions;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The {@code --collections-*} options of {@code worker-collections run}, each with an environment
 * variable, and the shared {@code --documents-*} ones ({@link DocumentAccessOptions}). The field initializers hold the same defaults, so an instance that Picocli never
 * parsed still works.
 */
public class CollectionsOptions {
    @Option(names = "--collections-max-bytes", paramLabel = "BYTES",
            defaultValue = "${env:JOBFLEET_COLLECTIONS_MAX_BYTES:-" + CollectionSettings.MAX_BYTES_DEFAULT + "}",
            description = "Largest document source accepted, in bytes: files, URLs and row bytes "
                    + "(env JOBFLEET_COLLECTIONS_MAX_BYTES; default ${DEFAULT-VALUE}, 20 MiB).")
    long maxBytes = CollectionSettings.MAX_BYTES_DEFAULT;

    @Option(names = "--collections-chunk-chars", paramLabel = "N",
            defaultValue = "${env:JOBFLEET_COLLECTIONS_CHUNK_CHARS:-" + CollectionSettings.CHUNK_CHARS_DEFAULT + "}",
            description = "Characters of source text sent in one LLM request; longer sources are split "
                    + "(env JOBFLEET_COLLECTIONS_CHUNK_CHARS; default ${DEFAULT-VALUE}, at least 200).")
    int chunkChars = CollectionSettings.CHUNK_CHARS_DEFAULT;

    @Option(names = "--collections-max-chunks", paramLabel = "N",
            defaultValue = "${env:JOBFLEET_COLLECTIONS_MAX_CHUNKS:-" + CollectionSettings.MAX_CHUNKS_DEFAULT + "}",
            description = "Most chunks one collection may have; a longer collection fails with a message "
                    + "(env JOBFLEET_COLLECTIONS_MAX_CHUNKS; default ${DEFAULT-VALUE}).")
    int maxChunks = CollectionSettings.MAX_CHUNKS_DEFAULT;

    @Mixin
    DocumentAccessOptions access = new DocumentAccessOptions();

    public CollectionsOptions() {
    }

    /** Options holding {@code settings}, e.g. for tests and embedding. */
    public static CollectionsOptions of(CollectionSettings settings) {
        CollectionsOptions o = new CollectionsOptions();
        o.maxBytes = settings.maxBytes();
        o.chunkChars = settings.chunkChars();
        o.maxChunks = settings.maxChunks();
        o.access = DocumentAccessOptions.of(settings.access());
        return o;
    }

    /** The validated settings; throws {@link io.jobfleet.config.ConfigException} naming the option to fix. */
    public CollectionSettings toSettings() {
        try {
            return new CollectionSettings(maxBytes, chunkChars, maxChunks, access.toAccess());
        } catch (IllegalArgumentException e) {
            throw new ConfigException(e.getMessage());
        }
    }
}
