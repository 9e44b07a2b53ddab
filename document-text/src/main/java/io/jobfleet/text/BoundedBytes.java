package io.jobfleet.text;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;

/** Reads a stream into memory but stops, without buffering the rest, once it passes a limit. */
final class BoundedBytes {
    private static final int BUFFER_SIZE = 64 * 1024;
    private static final int MAX_INITIAL_CAPACITY = 1024 * 1024;

    private BoundedBytes() {
    }

    /**
     * @param sizeHint expected size (-1 if unknown), only used to size the buffer
     * @throws DocumentException {@link DocumentError#TOO_LARGE} as soon as more than maxBytes arrived
     */
    static byte[] read(InputStream in, long maxBytes, long sizeHint) throws IOException, DocumentException {
        int initial = (int) Math.max(BUFFER_SIZE, Math.min(sizeHint, Math.min(maxBytes, MAX_INITIAL_CAPACITY)));
        ByteArrayOutputStream out = new ByteArrayOutputStream(initial);
        byte[] buffer = new byte[BUFFER_SIZE];
        long total = 0;
        int n;
        while ((n = in.read(buffer)) != -1) {
            total += n;
            if (total > maxBytes) {
                throw DocumentException.tooLargeUnknownSize(maxBytes);
            }
            out.write(buffer, 0, n);
        }
        return out.toByteArray();
    }
}
