package io.jobfleet.text;

import java.util.Locale;
import java.util.Objects;
import okhttp3.OkHttpClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads a document's bytes from a {@link DocumentSource} within {@link LoaderLimits} and detects
 * its format. Thread-safe; create one per worker and share it.
 */
public final class DocumentLoader {
    private static final Logger log = LoggerFactory.getLogger(DocumentLoader.class);
    private static final String DEFAULT_NAME = "document";

    private final LoaderLimits limits;
    private final LocalFileReader files;
    private final HttpDownloader http;

    public DocumentLoader() {
        this(LoaderLimits.defaults());
    }

    public DocumentLoader(LoaderLimits limits) {
        this(limits, new OkHttpClient());
    }

    /** Shares {@code client}'s connection pool and threads; timeouts and redirects come from the limits. */
    public DocumentLoader(LoaderLimits limits, OkHttpClient client) {
        this.limits = Objects.requireNonNull(limits, "limits");
        this.files = new LocalFileReader(limits);
        this.http = new HttpDownloader(Objects.requireNonNull(client, "client"), limits);
    }

    public LoaderLimits limits() {
        return limits;
    }

    /** Parses {@code location} with {@link DocumentSource#parse(String)} and loads it. */
    public LoadedDocument load(String location) throws DocumentException {
        return load(DocumentSource.parse(location));
    }

    public LoadedDocument load(DocumentSource source) throws DocumentException {
        Objects.requireNonNull(source, "source");
        LoadedDocument document;
        if (source instanceof DocumentSource.LocalFile file) {
            byte[] bytes = files.read(file.path());
            String name = file.path().getFileName() == null ? DEFAULT_NAME : file.path().getFileName().toString();
            document = detect(bytes, name, null);
        } else if (source instanceof DocumentSource.Url url) {
            HttpDownloader.Download download = http.download(url.uri());
            document = detect(download.bytes(), download.name(), download.contentType());
        } else {
            DocumentSource.StoredBytes stored = (DocumentSource.StoredBytes) source;
            document = loadStored(stored);
        }
        log.debug("Loaded {} from {}", document, source);
        return document;
    }

    private LoadedDocument loadStored(DocumentSource.StoredBytes stored) throws DocumentException {
        if (stored.bytes().length > limits.maxBytes()) {
            throw DocumentException.tooLarge(stored.bytes().length, limits.maxBytes());
        }
        String name = stored.fileName() == null || stored.fileName().isBlank() ? DEFAULT_NAME : stored.fileName();
        return detect(stored.bytes(), name, mediaType(stored.contentType()));
    }

    private static LoadedDocument detect(byte[] bytes, String name, String contentType) throws DocumentException {
        return new LoadedDocument(bytes, FormatDetector.detect(bytes, name, contentType), name);
    }

    private static String mediaType(String contentType) {
        if (contentType == null) {
            return null;
        }
        int semicolon = contentType.indexOf(';');
        String bare = semicolon < 0 ? contentType : contentType.substring(0, semicolon);
        return bare.strip().toLowerCase(Locale.ROOT);
    }
}
