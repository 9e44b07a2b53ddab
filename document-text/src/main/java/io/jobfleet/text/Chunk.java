package io.jobfleet.text;

import java.util.Objects;

/**
 * A piece of a document small enough for one LLM request.
 *
 * @param index     position in the chunk list, from 0
 * @param firstPage the first page whose text this chunk holds
 * @param lastPage  the last page whose text this chunk holds
 * @param text      the pages' text, each page's part introduced by a {@code [page N]} line
 */
public record Chunk(int index, int firstPage, int lastPage, String text) {
    public Chunk {
        if (index < 0) {
            throw new IllegalArgumentException("index must be 0 or more, got " + index);
        }
        if (firstPage < 1 || lastPage < firstPage) {
            throw new IllegalArgumentException("Bad page range " + firstPage + ".." + lastPage);
        }
        Objects.requireNonNull(text, "text");
    }
}
