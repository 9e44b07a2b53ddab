package io.jobfleet.text;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Reads a local file, refusing paths outside the allowed base directory (symbolic links included). */
final class LocalFileReader {
    private final LoaderLimits limits;

    LocalFileReader(LoaderLimits limits) {
        this.limits = limits;
    }

    byte[] read(Path path) throws DocumentException {
        Path normalized = path.toAbsolutePath().normalize();
        Path base = limits.allowedBaseDir();
        if (base != null && !normalized.startsWith(base)) {
            throw outsideBaseDir();
        }
        if (!Files.exists(normalized)) {
            throw DocumentException.notFound("The file " + normalized.getFileName() + " does not exist.");
        }
        try {
            if (base != null && !normalized.toRealPath().startsWith(realBase(base))) {
                throw outsideBaseDir();
            }
            if (!Files.isRegularFile(normalized)) {
                throw DocumentException.unreadable("The path " + normalized.getFileName() + " is not a file.", null);
            }
            long size = Files.size(normalized);
            if (size > limits.maxBytes()) {
                throw DocumentException.tooLarge(size, limits.maxBytes());
            }
            try (InputStream in = Files.newInputStream(normalized)) {
                return BoundedBytes.read(in, limits.maxBytes(), size);
            }
        } catch (NoSuchFileException e) {
            throw DocumentException.notFound("The file " + normalized.getFileName() + " does not exist.");
        } catch (AccessDeniedException e) {
            throw DocumentException.unreadable("The file " + normalized.getFileName() + " may not be read.", e);
        } catch (IOException e) {
            throw DocumentException.unreadable("The file " + normalized.getFileName() + " could not be read.", e);
        }
    }

    private static Path realBase(Path base) throws IOException {
        try {
            return base.toRealPath();
        } catch (NoSuchFileException e) {
            return base;
        }
    }

    private static DocumentException outsideBaseDir() {
        return DocumentException.refused("The file lies outside the directory documents may be read from.");
    }
}
