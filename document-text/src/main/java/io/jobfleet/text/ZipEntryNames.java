package io.jobfleet.text;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;

/**
 * Lists a zip's entry names from its central directory without inflating anything, so detecting
 * a DOCX costs nothing even for a zip bomb. Returns an empty set for anything malformed.
 */
final class ZipEntryNames {
    private static final int LOCAL_HEADER = 0x04034b50;
    private static final int CENTRAL_HEADER = 0x02014b50;
    private static final int END_OF_DIRECTORY = 0x06054b50;
    private static final int END_RECORD_SIZE = 22;
    private static final int MAX_COMMENT = 0xFFFF;
    private static final int CENTRAL_HEADER_SIZE = 46;

    private ZipEntryNames() {
    }

    static boolean isZip(byte[] bytes) {
        return bytes.length >= 4 && int32(bytes, 0) == LOCAL_HEADER;
    }

    static Set<String> read(byte[] bytes) {
        int end = findEndOfDirectory(bytes);
        if (end < 0) {
            return Set.of();
        }
        int entries = int16(bytes, end + 10);
        long offset = int32(bytes, end + 16) & 0xFFFFFFFFL;
        Set<String> names = new HashSet<>();
        for (int i = 0; i < entries; i++) {
            if (offset + CENTRAL_HEADER_SIZE > bytes.length || int32(bytes, (int) offset) != CENTRAL_HEADER) {
                return names;
            }
            int at = (int) offset;
            int nameLength = int16(bytes, at + 28);
            int extraLength = int16(bytes, at + 30);
            int commentLength = int16(bytes, at + 32);
            if (at + CENTRAL_HEADER_SIZE + nameLength > bytes.length) {
                return names;
            }
            names.add(new String(bytes, at + CENTRAL_HEADER_SIZE, nameLength, StandardCharsets.UTF_8));
            offset = (long) at + CENTRAL_HEADER_SIZE + nameLength + extraLength + commentLength;
        }
        return names;
    }

    private static int findEndOfDirectory(byte[] bytes) {
        int lowest = Math.max(0, bytes.length - END_RECORD_SIZE - MAX_COMMENT);
        for (int at = bytes.length - END_RECORD_SIZE; at >= lowest; at--) {
            if (int32(bytes, at) == END_OF_DIRECTORY) {
                return at;
            }
        }
        return -1;
    }

    private static int int16(byte[] b, int at) {
        return (b[at] & 0xFF) | (b[at + 1] & 0xFF) << 8;
    }

    private static int int32(byte[] b, int at) {
        return int16(b, at) | int16(b, at + 2) << 16;
    }
}
