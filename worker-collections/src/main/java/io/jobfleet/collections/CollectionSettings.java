package io.jobfleet.collections;

import io.jobfleet.config.ConfigException;
import io.jobfleet.text.Chunker;
import io.jobfleet.text.DocumentAccess;
import io.jobfleet.text.LoaderLimits;
import java.nio.file.Path;
import java.util.List;

/**
 * The collections family's own settings, validated when built, with messages that say what to change.
 *
 * @param maxBytes   largest document source accepted (file, URL or row bytes)
 * @param chunkChars characters of source text per LLM request
 * @param maxChunks  most chunks one collection may have in total; longer collections fail
 * @param access     base directory for local files, allowed download hosts, extraction limits
 *                   (the {@code --documents-*} options every family that reads documents shares)
 */
public record CollectionSettings(long maxBytes, int chunkChars, int maxChunks, DocumentAccess access) {
    public static final long MAX_BYTES_DEFAULT = LoaderLimits.DEFAULT_MAX_BYTES;
    public static final int CHUNK_CHARS_DEFAULT = Chunker.DEFAULT_MAX_CHARS;
    public static final int MAX_CHUNKS_DEFAULT = 50;

    public CollectionSettings {
        if (maxBytes <= 0) {
            throw ConfigException.invalid("--collections-max-bytes", "positive, e.g. 20971520 for 20 MiB", maxBytes);
        }
        if (chunkChars < Chunker.MIN_MAX_CHARS) {
            throw ConfigException.invalid("--collections-chunk-chars", "at least " + Chunker.MIN_MAX_CHARS
                    + " (the default is " + CHUNK_CHARS_DEFAULT + ")", chunkChars);
        }
        if (maxChunks < 1) {
            throw ConfigException.invalid("--collections-max-chunks", "at least 1", maxChunks);
        }
        if (access == null) {
            throw new ConfigException("the document access settings are missing");
        }
    }

    public static CollectionSettings defaults() {
        return new CollectionSettings(MAX_BYTES_DEFAULT, CHUNK_CHARS_DEFAULT, MAX_CHUNKS_DEFAULT, DocumentAccess.defaults());
    }

    public CollectionSettings withMaxBytes(long bytes) {
        return new CollectionSettings(bytes, chunkChars, maxChunks, access);
    }

    public CollectionSettings withChunkChars(int chars) {
        return new CollectionSettings(maxBytes, chars, maxChunks, access);
    }

    public CollectionSettings withMaxChunks(int chunks) {
        return new CollectionSettings(maxBytes, chunkChars, chunks, access);
    }

    /** Local files are read only inside {@code dir}; null refuses every local path. */
    public CollectionSettings withBaseDir(Path dir) {
        return new CollectionSettings(maxBytes, chunkChars, maxChunks, access.withBaseDir(dir));
    }

    public CollectionSettings withAllowedHosts(List<String> entries) {
        return new CollectionSettings(maxBytes, chunkChars, maxChunks, access.withAllowedHosts(entries));
    }

    public CollectionSettings withAccess(DocumentAccess documentAccess) {
        return new CollectionSettings(maxBytes, chunkChars, maxChunks, documentAccess);
    }

    /** The document loader's limits for these settings. */
    public LoaderLimits loaderLimits() {
        return access.loaderLimits(maxBytes);
    }
}
