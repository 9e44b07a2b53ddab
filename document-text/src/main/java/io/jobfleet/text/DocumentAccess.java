package io.jobfleet.text;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * What every family that reads documents shares: the directory local files are read from (null:
 * none), where downloads may go, and the extraction limits. Built from {@link DocumentAccessOptions}.
 *
 * @param baseDir       local files are read only inside it; null refuses every local path
 * @param addressPolicy hosts and addresses documents may be downloaded from
 * @param extraction    page, character and decoded-bytes limits per document
 */
public record DocumentAccess(Path baseDir, AddressPolicy addressPolicy, ExtractionLimits extraction) {
    public DocumentAccess {
        if (baseDir != null && !baseDir.isAbsolute()) {
            throw new IllegalArgumentException("--documents-base-dir / JOBFLEET_DOCUMENTS_BASE_DIR must be an absolute "
                    + "path, e.g. /srv/uploads (got " + baseDir + ")");
        }
        Objects.requireNonNull(addressPolicy, "addressPolicy");
        Objects.requireNonNull(extraction, "extraction");
    }

    /** No local files, public addresses on 80/443, default extraction limits. */
    public static DocumentAccess defaults() {
        return new DocumentAccess(null, AddressPolicy.publicOnly(), ExtractionLimits.defaults());
    }

    public DocumentAccess withBaseDir(Path dir) {
        return new DocumentAccess(dir, addressPolicy, extraction);
    }

    /** Also opens these hosts, addresses or ranges (see {@link AddressPolicy}). */
    public DocumentAccess withAllowedHosts(List<String> entries) {
        return new DocumentAccess(baseDir, AddressPolicy.allowing(entries), extraction);
    }

    public DocumentAccess withExtraction(ExtractionLimits limits) {
        return new DocumentAccess(baseDir, addressPolicy, limits);
    }

    /** The loader limits for documents of at most {@code maxBytes}; timeouts and redirects keep their defaults. */
    public LoaderLimits loaderLimits(long maxBytes) {
        return LoaderLimits.defaults().withMaxBytes(maxBytes).withAllowedBaseDir(baseDir).withAddressPolicy(addressPolicy);
    }
}
