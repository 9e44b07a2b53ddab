package io.jobfleet.documents.config;

import io.jobfleet.config.ConfigException;
import io.jobfleet.text.Chunker;
import io.jobfleet.text.LoaderLimits;
import java.nio.file.Path;

/**
 * The documents family's settings, validated when built, with messages that say what to change.
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

    public DocumentsSettings {
        if (maxBytes <= 0) {
            throw ConfigException.invalid("--documents-max-bytes", "positive, e.g. 20MiB", maxBytes);
        }
        if (allowedBaseDir != null && !allowedBaseDir.isAbsolute()) {
            throw ConfigException.invalid("--documents-base-dir", "an absolute path, e.g. /srv/uploads",
                    allowedBaseDir.toString());
        }
        if (chunkChars < Chunker.MIN_MAX_CHARS) {
            throw ConfigException.invalid("--documents-chunk-chars", "at least " + Chunker.MIN_MAX_CHARS, chunkChars);
        }
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
