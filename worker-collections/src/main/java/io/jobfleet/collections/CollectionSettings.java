package io.jobfleet.collections;

import io.jobfleet.config.ConfigException;
import io.jobfleet.text.Chunker;
import io.jobfleet.text.LoaderLimits;
import java.nio.file.Path;

/**
 * The collections family's own settings, validated when built, with messages that say what to change.
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
        if (filesDir != null && !filesDir.isAbsolute()) {
            throw ConfigException.invalid("--collections-files-dir", "an absolute path, e.g. /srv/uploads",
                    filesDir.toString());
        }
    }

    public static CollectionSettings defaults() {
        return new CollectionSettings(MAX_BYTES_DEFAULT, CHUNK_CHARS_DEFAULT, MAX_CHUNKS_DEFAULT, null);
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
