package io.jobfleet.text;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * The {@code --documents-*} options every family that reads documents shares (a Picocli mixin),
 * each with a {@code JOBFLEET_DOCUMENTS_*} environment variable. The field initializers equal the
 * defaults, so an instance Picocli never parsed still works.
 */
public final class DocumentAccessOptions {
    @Option(names = "--documents-base-dir", paramLabel = "DIR", defaultValue = "${env:JOBFLEET_DOCUMENTS_BASE_DIR}",
            description = "Directory local document files are read from (paths with .. and symbolic links out of "
                    + "it are refused). Unset: local paths are refused (env JOBFLEET_DOCUMENTS_BASE_DIR).")
    Path baseDir;

    @Option(names = "--documents-allow-hosts", paramLabel = "HOST", split = ",",
            defaultValue = "${env:JOBFLEET_DOCUMENTS_ALLOW_HOSTS}",
            description = "Hosts, addresses or ranges documents may also be downloaded from, comma-separated, "
                    + "e.g. files.internal,10.20.0.0/16,files.internal:9000 (no port: 80 and 443). Without it only "
                    + "public addresses on ports 80 and 443 (env JOBFLEET_DOCUMENTS_ALLOW_HOSTS).")
    List<String> allowHosts = new ArrayList<>();

    @Option(names = "--documents-max-pages", paramLabel = "N",
            defaultValue = "${env:JOBFLEET_DOCUMENTS_MAX_PAGES:-" + ExtractionLimits.DEFAULT_MAX_PAGES + "}",
            description = "Most pages read from one document; more fail with too_large "
                    + "(env JOBFLEET_DOCUMENTS_MAX_PAGES, default ${DEFAULT-VALUE}).")
    int maxPages = ExtractionLimits.DEFAULT_MAX_PAGES;

    @Option(names = "--documents-max-chars", paramLabel = "N",
            defaultValue = "${env:JOBFLEET_DOCUMENTS_MAX_CHARS:-" + ExtractionLimits.DEFAULT_MAX_CHARS + "}",
            description = "Most characters of text extracted from one document; more fail with too_large "
                    + "(env JOBFLEET_DOCUMENTS_MAX_CHARS, default ${DEFAULT-VALUE}).")
    long maxChars = ExtractionLimits.DEFAULT_MAX_CHARS;

    @Option(names = "--documents-max-unpacked-bytes", paramLabel = "BYTES",
            defaultValue = "${env:JOBFLEET_DOCUMENTS_MAX_UNPACKED_BYTES:-" + ExtractionLimits.DEFAULT_MAX_DECODED_BYTES
                    + "}",
            description = "Most bytes one document may unpack to (DOCX zip entries, PDF streams), in bytes "
                    + "(env JOBFLEET_DOCUMENTS_MAX_UNPACKED_BYTES, default ${DEFAULT-VALUE}, 100 MiB).")
    long maxUnpackedBytes = ExtractionLimits.DEFAULT_MAX_DECODED_BYTES;

    public DocumentAccessOptions() {
    }

    /** Options holding {@code access}, for tests and embedding. */
    public static DocumentAccessOptions of(DocumentAccess access) {
        DocumentAccessOptions o = new DocumentAccessOptions();
        o.baseDir = access.baseDir();
        o.allowHosts = new ArrayList<>(access.addressPolicy().entries());
        o.maxPages = access.extraction().maxPages();
        o.maxChars = access.extraction().maxChars();
        o.maxUnpackedBytes = access.extraction().maxDecodedBytes();
        return o;
    }

    /**
     * The validated settings.
     *
     * @throws IllegalArgumentException whose message names the option to fix
     */
    public DocumentAccess toAccess() {
        ExtractionLimits extraction;
        try {
            extraction = new ExtractionLimits(maxPages, maxChars, maxUnpackedBytes);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--documents-max-pages, --documents-max-chars and "
                    + "--documents-max-unpacked-bytes must be at least 1 (got " + maxPages + ", " + maxChars + ", "
                    + maxUnpackedBytes + ")");
        }
        AddressPolicy policy;
        try {
            policy = AddressPolicy.allowing(allowHosts == null ? List.of() : allowHosts);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--documents-allow-hosts: " + e.getMessage());
        }
        return new DocumentAccess(baseDir, policy, extraction);
    }
}
