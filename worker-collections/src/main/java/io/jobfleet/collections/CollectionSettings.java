package io.jobfleet.collections;

import io.jobfleet.config.ConfigException;
import io.jobfleet.text.Chunker;
import io.jobfleet.text.LoaderLimits;
import java.nio.file.Path;

/**
 * The collections family's own settings, validated.
 *
 * @param maxBytes   largest document source accepted (file, URL or row bytes)
 * @param chunkChars characters of source text per LLM request
 * @param maxChunks  most chunks one collection may have in total; longer collections fail
 * @param filesDir   when not null, {@code file:} sources must lie inside this directory
 */
public record CollectionSettings(long maxBytes, int chunkChars, int maxChunks, Path filesDir) {
    public static final long MAX_BYTES_DEFAULT = LoaderLimits.DEFAULT_MAX_BYTES;
    public static final int CHUNK_CHARS_DEFAULT = Chunker.DEFAULT_MAX_CHARS;
    public static final int MAX_CHUNKS_DEFAULT = 50;

    public static CollectionSettings defaults() {
        return new CollectionSettings(MAX_BYTES_DEFAULT, CHUNK_CHARS_DEFAULT, MAX_CHUNKS_DEFAULT, null);
    }

    public CollectionSettings validate() {
        if (maxBytes <= 0) {
            throw new ConfigException("--collections-max-bytes must be positive, e.g. 20971520 for 20 MiB (got "
                    + maxBytes + ")");
        }
        if (chunkChars < Chunker.MIN_MAX_CHARS) {
            throw new ConfigException("--collections-chunk-chars must be at least " + Chunker.MIN_MAX_CHARS
                    + " (got " + chunkChars + "); the default is " + CHUNK_CHARS_DEFAULT);
        }
        if (maxChunks < 1) {
            throw new ConfigException("--collections-max-chunks must be at least 1 (got " + maxChunks + ")");
        }
        if (filesDir != null && !filesDir.isAbsolute()) {
            throw new ConfigException("--collections-files-dir must be an absolute path (got " + filesDir + ")");
        }
        return this;
    }

    public CollectionSettings withMaxBytes(long bytes) {
        return new CollectionSettings(bytes, chunkChars, maxChunks, filesDir);
    }

    public CollectionSettings withChunkChars(int chars) {
        return new CollectionSettings(maxBytes, chars, maxChunks, filesDir);
    }

    public CollectionSettings withMaxChunks(int chunks) {
        return new CollectionSettings(maxBytes, chunkChars, chunks, filesDir);
    }

    public CollectionSettings withFilesDir(Path dir) {
        return new CollectionSettings(maxBytes, chunkChars, maxChunks, dir);
    }

    /** The document loader's limits for these settings. */
    public LoaderLimits loaderLimits() {
        return LoaderLimits.defaults().withMaxBytes(maxBytes).withAllowedBaseDir(filesDir);
    }
}
