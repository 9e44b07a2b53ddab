package io.jobfleet.llm.sim;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 digests: stable ids and deterministic choices derived from text. */
public final class Hashes {
    private Hashes() {
    }

    public static String sha256Hex(String text) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /** A stable number in [0, bound) derived from {@code text}. */
    public static int pick(String text, int bound) {
        return Integer.parseUnsignedInt(sha256Hex(text).substring(0, 7), 16) % bound;
    }
}
