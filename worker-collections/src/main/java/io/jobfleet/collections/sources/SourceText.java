package io.jobfleet.collections.sources;

import io.jobfleet.text.ExtractedText;

/**
 * One source's extracted text and its names.
 *
 * @param number the source's place in the collection, from 1
 * @param name   the file name, or {@code pasted text}
 */
record SourceText(int number, String name, boolean document, ExtractedText text) {
    static final String PASTED = "pasted text";

    /** {@code source 2 (cells.pdf)}. */
    String label() {
        return "source " + number + " (" + name + ")";
    }

    /** The label plus the pages of a chunk of a document, e.g. {@code source 2 (cells.pdf), pages 3-4}. */
    String reference(int firstPage, int lastPage) {
        if (!document) {
            return label();
        }
        return label() + (firstPage == lastPage ? ", page " + firstPage : ", pages " + firstPage + "-" + lastPage);
    }
}
