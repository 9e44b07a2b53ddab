package io.jobfleet.support;

/**
 * Text as PostgreSQL will store it. A text or jsonb column refuses U+0000 (PDF extraction emits it
 * for unmapped glyphs; an LLM can return it), and other control characters only garble what the
 * app shows, so both are dropped: every C0 control except tab, line feed and carriage return, DEL,
 * and the C1 controls. Messages shown to users are also capped in length.
 */
public final class StoredText {
    /** The longest {@code last_error}, {@code errors[].message} or failure message stored. */
    public static final int MESSAGE_MAX = 2_000;
    private static final String ELLIPSIS = "…";

    private StoredText() {
    }

    /** Whether {@code c} is dropped before it is stored. */
    public static boolean isDropped(int c) {
        return (c < 0x20 && c != '\t' && c != '\n' && c != '\r') || (c >= 0x7F && c <= 0x9F);
    }

    /** {@code text} without the characters the database refuses or that garble it; null stays null. */
    public static String clean(String text) {
        if (text == null) {
            return null;
        }
        int first = -1;
        for (int i = 0; i < text.length(); i++) {
            if (isDropped(text.charAt(i))) {
                first = i;
                break;
            }
        }
        if (first < 0) {
            return text; // the usual case: no copy
        }
        StringBuilder b = new StringBuilder(text.length());
        b.append(text, 0, first);
        for (int i = first + 1; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!isDropped(c)) {
                b.append(c);
            }
        }
        return b.toString();
    }

    /** A message for the app's user: cleaned, and at most {@link #MESSAGE_MAX} characters, ending in an ellipsis when cut. */
    public static String message(String text) {
        return capped(clean(text), MESSAGE_MAX);
    }

    /** {@code text} cut to {@code max} characters (an ellipsis included) when longer; never splits a surrogate pair. */
    public static String capped(String text, int max) {
        if (text == null || text.length() <= max) {
            return text;
        }
        int end = max - ELLIPSIS.length();
        if (end > 0 && Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(0, Math.max(0, end)) + ELLIPSIS;
    }
}
