package io.jobfleet.collections.study;

import java.util.Locale;
import java.util.regex.Pattern;

/** Normalized forms of text for comparisons: duplicate cards and questions, repeated choices. */
public final class TextKey {
    private static final Pattern PUNCTUATION = Pattern.compile("[\\p{P}\\p{S}]+");
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");

    private TextKey() {
    }

    /**
     * Lower case, punctuation and symbols removed, whitespace collapsed: "What is DNA?" and
     * "what is  DNA" are the same card.
     */
    public static String of(String text) {
        String lower = text == null ? "" : text.toLowerCase(Locale.ROOT);
        return WHITESPACE.matcher(PUNCTUATION.matcher(lower).replaceAll("")).replaceAll(" ").strip();
    }

    /**
     * Lower case and whitespace collapsed, punctuation kept: for answer choices, where "1.5" and
     * "15" differ.
     */
    public static String choice(String text) {
        String lower = text == null ? "" : text.toLowerCase(Locale.ROOT);
        return WHITESPACE.matcher(lower).replaceAll(" ").strip();
    }
}
