package io.jobfleet.documents.config;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * The documents family's flags, each with a {@code JOBFLEET_DOCUMENTS_*} environment variable.
 * The field initializers equal the defaults, so the family works when the flags are not parsed.
 */
public final class DocumentsOptions {
    @Option(names = "--documents-max-bytes", paramLabel = "SIZE", converter = ByteSizeConverter.class,
            defaultValue = "${env:JOBFLEET_DOCUMENTS_MAX_BYTES:-20MiB}",
            description = "Largest document read from a row, a file or a URL, e.g. 20MiB or 5242880; larger ones "
                    + "fail with too_large (env JOBFLEET_DOCUMENTS_MAX_BYTES, default ${DEFAULT-VALUE}).")
    long maxBytes = DocumentsSettings.MAX_BYTES_DEFAULT;

    @Option(names = "--documents-base-dir", paramLabel = "DIR", defaultValue = "${env:JOBFLEET_DOCUMENTS_BASE_DIR}",
            description = "Directory local document files must lie in (after resolving .. and symbolic links); "
                    + "others are refused. Unset: any absolute path (env JOBFLEET_DOCUMENTS_BASE_DIR).")
    Path baseDir;

    @Option(names = "--documents-chunk-chars", paramLabel = "N",
            defaultValue = "${env:JOBFLEET_DOCUMENTS_CHUNK_CHARS:-" + DocumentsSettings.CHUNK_CHARS_DEFAULT + "}",
            description = "Characters of document text sent to the LLM per request (at least 200; about 4 per "
                    + "token) (env JOBFLEET_DOCUMENTS_CHUNK_CHARS, default ${DEFAULT-VALUE}).")
    int chunkChars = DocumentsSettings.CHUNK_CHARS_DEFAULT;

    public DocumentsOptions() {
    }

    /** Options holding {@code settings}, e.g. for tests and embedding. */
    public static DocumentsOptions of(DocumentsSettings settings) {
        DocumentsOptions o = new DocumentsOptions();
        o.maxBytes = settings.maxBytes();
        o.baseDir = settings.allowedBaseDir();
        o.chunkChars = settings.chunkChars();
        return o;
    }

    /** The validated settings; throws a ConfigException that names the flag to fix. */
    public DocumentsSettings toSettings() {
        return new DocumentsSettings(maxBytes, baseDir, chunkChars).validate();
    }
}
