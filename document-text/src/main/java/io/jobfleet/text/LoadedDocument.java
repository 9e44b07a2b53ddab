package io.jobfleet.text;

import java.util.Objects;

/**
 * A document's bytes, its detected format and a display name (the file name when known).
 * The array is not copied: treat it as read-only.
 */
public record LoadedDocument(byte[] bytes, DocumentFormat format, String name) {
    public LoadedDocument {
        Objects.requireNonNull(bytes, "bytes");
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(name, "name");
    }

    public int size() {
        return bytes.length;
    }

    @Override
    public String toString() {
        return "LoadedDocument[" + name + ", " + format + ", " + bytes.length + " bytes]";
    }
}
