package io.jobfleet.text;

import java.util.ArrayList;
import java.util.List;

/**
 * Packs pages into chunks of at most {@code maxChars} characters. Whole pages stay together when
 * they fit; a page too long for one chunk is split at paragraph, line, sentence or word boundaries.
 * Each page's text (or part of it) starts with a marker line {@code [page N]}, so a model can cite
 * pages. Blank pages are skipped. Thread-safe.
 */
public final class Chunker {
    /** About 3,000 tokens of English text. */
    public static final int DEFAULT_MAX_CHARS = 12_000;
    /** Leaves room for a marker and some text. */
    public static final int MIN_MAX_CHARS = 200;
    private static final String PAGE_SEPARATOR = "\n\n";

    private final int maxChars;

    public Chunker() {
        this(DEFAULT_MAX_CHARS);
    }

    public Chunker(int maxChars) {
        if (maxChars < MIN_MAX_CHARS) {
            throw new IllegalArgumentException("maxChars must be at least " + MIN_MAX_CHARS + ", got " + maxChars);
        }
        this.maxChars = maxChars;
    }

    /** The marker line that introduces page {@code number}: {@code [page 3]}. */
    public static String pageMarker(int number) {
        return "[page " + number + "]";
    }

    public int maxChars() {
        return maxChars;
    }

    public List<Chunk> chunk(ExtractedText text) {
        Packer packer = new Packer();
        for (Page page : text.pages()) {
            if (page.isBlank()) {
                continue;
            }
            String marker = pageMarker(page.number()) + "\n";
            String body = page.text().strip();
            if (marker.length() + body.length() <= maxChars) {
                packer.add(marker + body, page.number());
                continue;
            }
            packer.flush();
            List<String> pieces = PageSplitter.split(body, maxChars - marker.length());
            for (int i = 0; i < pieces.size(); i++) {
                packer.add(marker + pieces.get(i), page.number());
                if (i < pieces.size() - 1) {
                    packer.flush();
                }
            }
        }
        packer.flush();
        return packer.chunks;
    }

    /** Collects blocks into the current chunk and closes it when the next block would not fit. */
    private final class Packer {
        private final List<Chunk> chunks = new ArrayList<>();
        private final StringBuilder current = new StringBuilder();
        private int firstPage;
        private int lastPage;

        void add(String block, int page) {
            if (current.length() > 0 && current.length() + PAGE_SEPARATOR.length() + block.length() > maxChars) {
                flush();
            }
            if (current.length() == 0) {
                firstPage = page;
            } else {
                current.append(PAGE_SEPARATOR);
            }
            current.append(block);
            lastPage = page;
        }

        void flush() {
            if (current.length() > 0) {
                chunks.add(new Chunk(chunks.size(), firstPage, lastPage, current.toString()));
                current.setLength(0);
            }
        }
    }
}
