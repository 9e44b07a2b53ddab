package io.jobfleet.text;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Reads a local file, only inside the configured base directory: with none configured every path
 * is refused. A path with {@code ..} is refused; symbolic links are resolved and the real file
 * must lie inside the base's real path, and that real path is opened without following links.
 * A missing file and a forbidden one get the same message, so paths cannot be probed.
 */
final class LocalFileReader {
    private final LoaderLimits limits;

    LocalFileReader(LoaderLimits limits) {
        this.limits = limits;
    }

    byte[] read(Path path) throws DocumentException {
        Path base = limits.allowedBaseDir();
        if (base == null) {
            throw DocumentException.refused("Documents cannot be read from local files on this worker "
                    + "(no documents base directory is configured).");
        }
        for (Path name : path) {
            if (name.toString().equals("..")) {
                throw unavailable(path);
            }
        }
        try {
            Path realBase = base.toRealPath();
            Path real = path.toAbsolutePath().normalize().toRealPath();
            if (!real.startsWith(realBase) || real.equals(realBase)) {
                throw unavailable(path);
            }
            BasicFileAttributes attributes = Files.readAttributes(real, BasicFileAttributes.class,
                    LinkOption.NOFOLLOW_LINKS);
            if (!attributes.isRegularFile()) {
                throw unavailable(path);
            }
            try (SeekableByteChannel channel = Files.newByteChannel(real, StandardOpenOption.READ,
                    LinkOption.NOFOLLOW_LINKS)) {
                long size = channel.size();
                if (size > limits.maxBytes()) {
                    throw DocumentException.tooLarge(size, limits.maxBytes());
                }
                try (InputStream in = Channels.newInputStream(channel)) {
                    return BoundedBytes.read(in, limits.maxBytes(), size);
                }
            }
        } catch (IOException | SecurityException e) {
            throw unavailable(path);
        }
    }

    private static DocumentException unavailable(Path path) {
        Path name = path.getFileName();
        return DocumentException.notFound("The file " + (name == null ? "" : name + " ")
                + "does not exist or may not be read.");
    }
}
