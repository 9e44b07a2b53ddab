package io.jobfleet.text;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Byte counts for messages people read: "31.2 MB", "20 MB", "512 KB", "900 bytes". */
final class SizeText {
    private static final long KB = 1024;
    private static final long MB = 1024 * KB;

    private SizeText() {
    }

    static String of(long bytes) {
        if (bytes >= MB) {
            return oneDecimal(bytes, MB) + " MB";
        }
        if (bytes >= KB) {
            return oneDecimal(bytes, KB) + " KB";
        }
        return bytes == 1 ? "1 byte" : bytes + " bytes";
    }

    private static String oneDecimal(long bytes, long unit) {
        BigDecimal value = BigDecimal.valueOf(bytes).divide(BigDecimal.valueOf(unit), 1, RoundingMode.HALF_UP);
        return value.stripTrailingZeros().toPlainString();
    }
}
