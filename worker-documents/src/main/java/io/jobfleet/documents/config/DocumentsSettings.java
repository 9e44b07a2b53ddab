package io.jobfleet.documents.config;

import io.jobfleet.config.ConfigException;
import io.jobfleet.text.Chunker;
import io.jobfleet.text.LoaderLimits;
import java.nio.file.Path;

/**
 * The documents family's settings.
 *
 * @param maxBytes       largest document read from a row, a file or a URL
 * @param allowedBaseDir when set, local files outside it are refused; null allows any absolute path
 * @param chunkChars     characters of document text per LLM request
 */
public record DocumentsSettings(long maxBytes, Path allowedBaseDir, int chunkChars) {
    public static final long MAX_BYTES_DEFAULT = LoaderLimits.DEFAULT_MAX_BYTES;
    public static final int CHUNK_CHARS_DEFAULT = Chunker.DEFAULT_MAX_CHARS;

    public static DocumentsSettings defaults() {
        return new DocumentsSettings(MAX_BYTES_DEFAULT, null, CHUNK_CHARS_DEFAULT);
    }

    public DocumentsSettings validate() {
        if (maxBytes <= 0) {
            throw new ConfigException("--documents-max-bytes must be positive, e.g. 20MiB (got " + maxBytes + ")");
        }
        if (allowedBaseDir != null && !allowedBaseDir.isAbsolute()) {
            throw new ConfigException("--documents-base-dir must be an absolute path, e.g. /srv/uploads (got "
                    + allowedBaseDir + ")");
        }
        if (chunkChars < Chunker.MIN_MAX_CHARS) {
            throw new ConfigException("--documents-chunk-chars must be at least " + Chunker.MIN_MAX_CHARS
                    + " (got " + chunkChars + ")");
        }
        return this;
    }

    public DocumentsSettings withMaxBytes(long bytes) {
        return new DocumentsSettings(bytes, allowedBaseDir, chunkChars);
    }

    public DocumentsSettings withAllowedBaseDir(Path dir) {
        return new DocumentsSettings(maxBytes, dir, chunkChars);
    }

    public DocumentsSettings withChunkChars(int chars) {
        return new DocumentsSettings(maxBytes, allowedBaseDir, chars);
    }

    /** The loader limits for these settings; timeouts and redirects keep document-text's defaults. */
    public LoaderLimits loaderLimits() {
        return LoaderLimits.defaults().withMaxBytes(maxBytes).withAllowedBaseDir(allowedBaseDir);
    }
}
