package io.jobfleet.documents.config;

import io.jobfleet.config.ConfigException;
import io.jobfleet.text.DocumentAccessOptions;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The documents family's flags, each with a {@code JOBFLEET_DOCUMENTS_*} environment variable;
 * the base directory, allowed hosts and extraction limits are the shared {@link DocumentAccessOptions}.
 * The field initializers equal the defaults, so the family works when the flags are not parsed.
 */
public final class DocumentsOptions {
    @Option(names = "--documents-max-bytes", paramLabel = "SIZE", converter = ByteSizeConverter.class,
            defaultValue = "${env:JOBFLEET_DOCUMENTS_MAX_BYTES:-" + DocumentsSettings.MAX_BYTES_DEFAULT + "}",
            description = "Largest document read from a row, a file or a URL, e.g. 20MiB or 5242880; larger ones "
                    + "fail with too_large (env JOBFLEET_DOCUMENTS_MAX_BYTES, default ${DEFAULT-VALUE} bytes).")
    long maxBytes = DocumentsSettings.MAX_BYTES_DEFAULT;

    @Mixin
    DocumentAccessOptions access = new DocumentAccessOptions();

    @Option(names = "--documents-chunk-chars", paramLabel = "N",
            defaultValue = "${env:JOBFLEET_DOCUMENTS_CHUNK_CHARS:-" + DocumentsSettings.CHUNK_CHARS_DEFAULT + "}",
            description = "Characters of document text sent to the LLM per request (at least 200; about 4 per "
                    + "token) (env JOBFLEET_DOCUMENTS_CHUNK_CHARS, default ${DEFAULT-VALUE}).")
    int chunkChars = DocumentsSettings.CHUNK_CHARS_DEFAULT;

    @Option(names = "--documents-max-chunks", paramLabel = "N",
            defaultValue = "${env:JOBFLEET_DOCUMENTS_MAX_CHUNKS:-" + DocumentsSettings.MAX_CHUNKS_DEFAULT + "}",
            description = "Most chunks (LLM requests) one document may make; a longer document fails with too_long "
                    + "(env JOBFLEET_DOCUMENTS_MAX_CHUNKS, default ${DEFAULT-VALUE}).")
    int maxChunks = DocumentsSettings.MAX_CHUNKS_DEFAULT;

    public DocumentsOptions() {
    }

    /** Options holding {@code settings}, e.g. for tests and embedding. */
    public static DocumentsOptions of(DocumentsSettings settings) {
        DocumentsOptions o = new DocumentsOptions();
        o.maxBytes = settings.maxBytes();
        o.access = DocumentAccessOptions.of(settings.access());
        o.chunkChars = settings.chunkChars();
        o.maxChunks = settings.maxChunks();
        return o;
    }

    /** The validated settings; throws a ConfigException that names the flag to fix. */
    public DocumentsSettings toSettings() {
        try {
            return new DocumentsSettings(maxBytes, access.toAccess(), chunkChars, maxChunks);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(e.getMessage());
        }
    }
}
