package io.jobfleet.text;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Limits for {@link DocumentLoader}. Start from {@link #defaults()} and change what you need with
 * the {@code with...} methods.
 *
 * @param maxBytes            largest document accepted, from any source
 * @param connectTimeout      to open the connection to the server
 * @param readTimeout         longest silence while waiting for response bytes
 * @param callTimeout         the whole download, redirects and body included
 * @param maxRedirects        redirects followed before giving up
 * @param allowedContentTypes media types a server may answer with (lower case, without parameters);
 *                            {@code application/octet-stream} means "look at the bytes"
 * @param allowedBaseDir      the directory local files are read from; null refuses every local path
 * @param addressPolicy       where documents may be downloaded from (public addresses on 80/443 by default)
 */
public record LoaderLimits(
        long maxBytes,
        Duration connectTimeout,
        Duration readTimeout,
        Duration callTimeout,
        int maxRedirects,
        Set<String> allowedContentTypes,
        Path allowedBaseDir,
        AddressPolicy addressPolicy) {

    public static final long DEFAULT_MAX_BYTES = 20L * 1024 * 1024;
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
    public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(30);
    public static final Duration DEFAULT_CALL_TIMEOUT = Duration.ofSeconds(30);
    public static final int DEFAULT_MAX_REDIRECTS = 5;
    public static final Set<String> DEFAULT_ALLOWED_CONTENT_TYPES = Set.of(
            "application/pdf",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            "text/plain",
            "text/markdown",
            "application/octet-stream");

    public LoaderLimits {
        if (maxBytes <= 0) {
            throw new IllegalArgumentException("maxBytes must be positive, got " + maxBytes);
        }
        requirePositive(connectTimeout, "connectTimeout");
        requirePositive(readTimeout, "readTimeout");
        requirePositive(callTimeout, "callTimeout");
        if (maxRedirects < 0) {
            throw new IllegalArgumentException("maxRedirects must be 0 or more, got " + maxRedirects);
        }
        Objects.requireNonNull(allowedContentTypes, "allowedContentTypes");
        allowedContentTypes = allowedContentTypes.stream()
                .map(type -> type.strip().toLowerCase(Locale.ROOT))
                .collect(Collectors.toUnmodifiableSet());
        if (allowedBaseDir != null) {
            if (!allowedBaseDir.isAbsolute()) {
                throw new IllegalArgumentException("allowedBaseDir must be an absolute path, got " + allowedBaseDir);
            }
            allowedBaseDir = allowedBaseDir.normalize();
        }
        Objects.requireNonNull(addressPolicy, "addressPolicy");
    }

    public static LoaderLimits defaults() {
        return new LoaderLimits(DEFAULT_MAX_BYTES, DEFAULT_CONNECT_TIMEOUT, DEFAULT_READ_TIMEOUT,
                DEFAULT_CALL_TIMEOUT, DEFAULT_MAX_REDIRECTS, DEFAULT_ALLOWED_CONTENT_TYPES, null,
                AddressPolicy.publicOnly());
    }

    public LoaderLimits withMaxBytes(long bytes) {
        return new LoaderLimits(bytes, connectTimeout, readTimeout, callTimeout, maxRedirects,
                allowedContentTypes, allowedBaseDir, addressPolicy);
    }

    public LoaderLimits withTimeouts(Duration connect, Duration read, Duration call) {
        return new LoaderLimits(maxBytes, connect, read, call, maxRedirects, allowedContentTypes, allowedBaseDir,
                addressPolicy);
    }

    public LoaderLimits withMaxRedirects(int redirects) {
        return new LoaderLimits(maxBytes, connectTimeout, readTimeout, callTimeout, redirects,
                allowedContentTypes, allowedBaseDir, addressPolicy);
    }

    public LoaderLimits withAllowedContentTypes(Set<String> types) {
        return new LoaderLimits(maxBytes, connectTimeout, readTimeout, callTimeout, maxRedirects,
                types, allowedBaseDir, addressPolicy);
    }

    /** Local files are read only inside {@code dir}; null (the default) refuses every local path. */
    public LoaderLimits withAllowedBaseDir(Path dir) {
        return new LoaderLimits(maxBytes, connectTimeout, readTimeout, callTimeout, maxRedirects,
                allowedContentTypes, dir, addressPolicy);
    }

    public LoaderLimits withAddressPolicy(AddressPolicy policy) {
        return new LoaderLimits(maxBytes, connectTimeout, readTimeout, callTimeout, maxRedirects,
                allowedContentTypes, allowedBaseDir, policy);
    }

    private static void requirePositive(Duration value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, got " + value);
        }
    }
}
