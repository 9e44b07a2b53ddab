package io.jobfleet.text;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;

/**
 * Where a document comes from: a local file, an http(s) URL, or bytes stored on a database row.
 * Build one with {@link #parse(String)} from a job payload, or with the record constructors.
 */
public sealed interface DocumentSource {

    /** A file on this machine. The path must be absolute. */
    record LocalFile(Path path) implements DocumentSource {
        public LocalFile {
            Objects.requireNonNull(path, "path");
            if (!path.isAbsolute()) {
                throw new IllegalArgumentException("The document path must be absolute, got: " + path);
            }
        }
    }

    /** A document to download over http or https. */
    record Url(URI uri) implements DocumentSource {
        public Url {
            Objects.requireNonNull(uri, "uri");
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https")) {
                throw new IllegalArgumentException("Only http and https URLs can be downloaded, got: " + uri);
            }
            if (uri.getHost() == null) {
                throw new IllegalArgumentException("The URL has no host: " + uri);
            }
        }

        /** Without query and fragment, which may hold access tokens: safe for logs. */
        @Override
        public String toString() {
            return "Url[" + uri.getScheme() + "://" + uri.getRawAuthority() + uri.getRawPath() + "]";
        }
    }

    /**
     * Bytes already in memory, typically read from a database row. The array is not copied:
     * do not change it after handing it over.
     *
     * @param fileName    the original file name, or null; its extension helps detect text and Markdown
     * @param contentType the stored content type, or null
     */
    record StoredBytes(byte[] bytes, String fileName, String contentType) implements DocumentSource {
        public StoredBytes {
            Objects.requireNonNull(bytes, "bytes");
        }

        @Override
        public String toString() {
            return "StoredBytes[" + bytes.length + " bytes, fileName=" + fileName + ", contentType=" + contentType + "]";
        }
    }

    /**
     * Reads a location from a job payload: {@code file:/...}, {@code /absolute/path},
     * {@code http://...} or {@code https://...}.
     *
     * @throws DocumentException with {@link DocumentError#REFUSED} for any other form
     */
    static DocumentSource parse(String location) throws DocumentException {
        if (location == null || location.isBlank()) {
            throw DocumentException.refused("No document location was given.");
        }
        String trimmed = location.strip();
        if (trimmed.startsWith("/")) {
            return localFile(trimmed);
        }
        URI uri;
        try {
            uri = new URI(trimmed);
        } catch (URISyntaxException e) {
            throw DocumentException.refused("The document location is not a valid URL or absolute path.");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        switch (scheme) {
            case "http", "https" -> {
                if (uri.getHost() == null) {
                    throw DocumentException.refused("The document URL has no host name.");
                }
                return new Url(uri);
            }
            case "file" -> {
                return fileUri(uri);
            }
            case "" -> throw DocumentException.refused("The document location must be an absolute path or a URL.");
            default -> throw DocumentException.refused(
                    "Documents can only be read from files or http(s) URLs, not from '" + scheme + ":' locations.");
        }
    }

    private static DocumentSource localFile(String path) throws DocumentException {
        try {
            return new LocalFile(Path.of(path));
        } catch (InvalidPathException e) {
            throw DocumentException.refused("The document path is not valid.");
        }
    }

    private static DocumentSource fileUri(URI uri) throws DocumentException {
        String host = uri.getHost();
        if (uri.getRawAuthority() != null && !"localhost".equalsIgnoreCase(host)) {
            throw DocumentException.refused("Files on other hosts cannot be read.");
        }
        if (uri.getPath() == null || !uri.getPath().startsWith("/")) {
            throw DocumentException.refused("The file URL must hold an absolute path.");
        }
        return localFile(uri.getPath());
    }
}
