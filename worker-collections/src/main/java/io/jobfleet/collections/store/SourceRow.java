package io.jobfleet.collections.store;

/**
 * A {@code collection_sources} row: pasted {@code text}, or a document given by {@code location}
 * (a {@code file:} path or http(s) URL) or by its bytes in {@code content}. The kind is
 * {@code text} or {@code document}, in any case (an app's enum may spell it {@code DOCUMENT}).
 *
 * @param id          the row's id as text (whatever the mapped id type)
 * @param content     the stored bytes; null when there are none or when they were over the size limit
 * @param contentSize the stored bytes' size ({@code octet_length}), 0 when there are none
 */
public record SourceRow(String id, int position, String kind, String text, String location, byte[] content,
                        long contentSize, String fileName, String contentType) {
    public static final String TEXT = "text";
    public static final String DOCUMENT = "document";

    public boolean isDocument() {
        return DOCUMENT.equalsIgnoreCase(kind);
    }

    public boolean hasContent() {
        return contentSize > 0;
    }

    /** True when there is nothing to read: blank text, or a document with neither location nor bytes. */
    public boolean isEmpty() {
        if (isDocument()) {
            return !hasContent() && (location == null || location.isBlank());
        }
        return text == null || text.isBlank();
    }

    @Override
    public String toString() {
        return "SourceRow[id=" + id + ", position=" + position + ", kind=" + kind + ", fileName=" + fileName + "]";
    }
}
