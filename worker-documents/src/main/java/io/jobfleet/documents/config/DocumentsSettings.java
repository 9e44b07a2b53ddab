package io.jobfleet.documents.config;

import io.jobfleet.config.ConfigException;
import io.jobfleet.text.Chunker;
import io.jobfleet.text.DocumentAccess;
import io.jobfleet.text.ExtractionLimits;
import io.jobfleet.text.LoaderLimits;
import java.nio.file.Path;
import java.util.List;

/**
 * The documents family's settings, validated when built, with messages that say what to change.
 *
 * @param maxBytes   largest document read from a row, a file or a URL
 * @param access     base directory for local files, allowed download hosts, extraction limits
 * @param chunkChars characters of document text per LLM request
 * @param maxChunks  most chunks (LLM requests) one job may make; longer documents fail
 */
public record DocumentsSettings(long maxBytes, DocumentAccess access, int chunkChars, int maxChunks) {
    public static final long MAX_BYTES_DEFAULT = LoaderLimits.DEFAULT_MAX_BYTES;
    public static final int CHUNK_CHARS_DEFAULT = Chunker.DEFAULT_MAX_CHARS;
    public static final int MAX_CHUNKS_DEFAULT = 100;

    public static DocumentsSettings defaults() {
        return new DocumentsSettings(MAX_BYTES_DEFAULT, DocumentAccess.defaults(), CHUNK_CHARS_DEFAULT,
                MAX_CHUNKS_DEFAULT);
    }

    public DocumentsSettings {
        if (maxBytes <= 0) {
            throw ConfigException.invalid("--documents-max-bytes", "positive, e.g. 20MiB", maxBytes);
        }
        if (access == null) {
            throw new ConfigException("the document access settings are missing");
        }
        if (chunkChars < Chunker.MIN_MAX_CHARS) {
            throw ConfigException.invalid("--documents-chunk-chars", "at least " + Chunker.MIN_MAX_CHARS, chunkChars);
        }
        if (maxChunks < 1) {
            throw ConfigException.invalid("--documents-max-chunks", "at least 1", maxChunks);
        }
    }

    public DocumentsSettings withMaxBytes(long bytes) {
        return new DocumentsSettings(bytes, access, chunkChars, maxChunks);
    }

    /** Local files are read only inside {@code dir}; null refuses every local path. */
    public DocumentsSettings withAllowedBaseDir(Path dir) {
        return new DocumentsSettings(maxBytes, access.withBaseDir(dir), chunkChars, maxChunks);
    }

    public DocumentsSettings withAllowedHosts(List<String> entries) {
        return new DocumentsSettings(maxBytes, access.withAllowedHosts(entries), chunkChars, maxChunks);
    }

    public DocumentsSettings withExtraction(ExtractionLimits limits) {
        return new DocumentsSettings(maxBytes, access.withExtraction(limits), chunkChars, maxChunks);
    }

    public DocumentsSettings withChunkChars(int chars) {
        return new DocumentsSettings(maxBytes, access, chars, maxChunks);
    }

    public DocumentsSettings withMaxChunks(int chunks) {
        return new DocumentsSettings(maxBytes, access, chunkChars, chunks);
    }

    /** The loader limits for these settings; timeouts and redirects keep document-text's defaults. */
    public LoaderLimits loaderLimits() {
        return access.loaderLimits(maxBytes);
    }
}
