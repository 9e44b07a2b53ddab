package io.jobfleet.collections.sources;

import io.jobfleet.text.Chunk;

/**
 * A piece of one source, small enough for one LLM request.
 *
 * @param label     how the prompt names the source, e.g. {@code cells.pdf} or {@code pasted text}
 * @param sourceRef what generated items store in {@code source_ref}, e.g. {@code source 2 (cells.pdf), page 3}
 * @param chunk     the text, with {@code [page N]} marker lines
 */
public record SourceChunk(String label, String sourceRef, Chunk chunk) {
    public String text() {
        return chunk.text();
    }

    public int size() {
        return chunk.text().length();
    }
}
